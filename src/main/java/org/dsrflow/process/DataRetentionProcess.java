package org.dsrflow.process;

/**
 * The process API of {@code bpmn/data-retention.bpmn}: every night it erases the personal data of requests
 * closed long enough ago and deletes expired access packages; its instance keeps how many it anonymised.
 */
public final class DataRetentionProcess {

    public static final String KEY = "data-retention";

    /** How many requests the night's run anonymised. */
    public static final ProcessVariable<Integer> ANONYMISED = ProcessVariable.of("anonymised", Integer.class);

    private DataRetentionProcess() {
    }
}
