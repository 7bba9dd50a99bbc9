package org.dsrflow.process;

/**
 * The process API of {@code bpmn/ask-requester.bpmn}: the privacy team's Tasklist start form to ask a
 * requester a question at any time once the request is handled, also while the departments work. The
 * question is moved into {@code dsr_clarification} and the request's process is told
 * ({@link DataSubjectRequestProcess.Messages#PRIVACY_QUESTION}); the form's values do not stay in this
 * instance, whose history is kept for one day.
 */
public final class AskRequesterProcess {

    public static final String KEY = "ask-requester";

    /** The start form: the request's reference and our question (the requester reads it). */
    public static final ProcessVariable<Object> REFERENCE = ProcessVariable.of("reference", Object.class);
    public static final ProcessVariable<Object> QUESTION = ProcessVariable.of("clarificationQuestion", Object.class);

    /** The start form's fields. */
    public static final String[] FORM_FIELDS = {REFERENCE.name(), QUESTION.name()};

    private AskRequesterProcess() {
    }
}
