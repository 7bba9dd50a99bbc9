package org.dsrflow.process;

/**
 * The process API of {@code bpmn/register-request.bpmn}: the privacy team's Tasklist start form for
 * requests that arrived by email, post or phone. Its variables are the form's fields; they exist
 * only until the request is stored in the application's tables.
 */
public final class RegisterRequestProcess {

    public static final String KEY = "register-request";

    /** The start form's fields, in the order the staff API takes them. */
    public static final String[] FORM_FIELDS = {"type", "name", "email", "site", "language", "categories", "details",
        "receivedOn", "channel", "ground"};

    private RegisterRequestProcess() {
    }
}
