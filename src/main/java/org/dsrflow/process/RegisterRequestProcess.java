package org.dsrflow.process;

/**
 * The process API of {@code bpmn/register-request.bpmn}: the privacy team's Tasklist start form for
 * requests that arrived by email, post or phone. Its variables are the form's fields; they exist
 * only until the request is stored in the application's tables.
 */
public final class RegisterRequestProcess {

    public static final String KEY = "register-request";

    /** The start form's fields, in the order the staff API takes them. */
    public static final String[] FORM_FIELDS = {"type", "name", "email", "postalAddress", "site", "language", "categories",
        "details", "receivedOn", "channel", "ground", "onBehalf", "agentName", "agentEmail", "authorisationConfirmed", "identityCheck"};

    /** Set once the request is stored (no personal data): its reference, and the registrar's receipt (the task name). */
    public static final String REFERENCE = "reference";
    public static final String RECEIPT = "registrationReceipt";

    /** The registrar's receipt: Tasklist shows it right after the start (a task of the new instance assigned to them). */
    public static final String RECEIPT_TASK = "user_registration_receipt";

    private RegisterRequestProcess() {
    }
}
