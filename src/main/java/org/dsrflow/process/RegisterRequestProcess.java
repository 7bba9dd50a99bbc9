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
        "receivedOn", "channel"};

    public static final class Elements {
        public static final String START = "start_registration_form";
        public static final String REGISTER = "register_request";
        public static final String END = "end_request_registered";

        private Elements() {
        }
    }

    private RegisterRequestProcess() {
    }
}
