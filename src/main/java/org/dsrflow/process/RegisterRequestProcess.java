package org.dsrflow.process;

/**
 * The process API of {@code bpmn/register-request.bpmn}: the privacy team's Tasklist start form for
 * requests that arrived by email, post or phone. Its variables are the form's fields; they exist
 * only until the request is stored in the application's tables.
 */
public final class RegisterRequestProcess {

    public static final String KEY = "register-request";

    /** The start form's fields, as the form submits them (text, a checklist, a flag: read by {@link FormValues} and the delegate). */
    public static final class Fields {
        public static final ProcessVariable<Object> TYPE = field("type");
        public static final ProcessVariable<Object> NAME = field("name");
        public static final ProcessVariable<Object> EMAIL = field("email");
        public static final ProcessVariable<Object> POSTAL_ADDRESS = field("postalAddress");
        public static final ProcessVariable<Object> SITE = field("site");
        public static final ProcessVariable<Object> LANGUAGE = field("language");
        public static final ProcessVariable<Object> CATEGORIES = field("categories");
        public static final ProcessVariable<Object> DETAILS = field("details");
        public static final ProcessVariable<Object> RECEIVED_ON = field("receivedOn");
        public static final ProcessVariable<Object> CHANNEL = field("channel");
        public static final ProcessVariable<Object> GROUND = field("ground");
        public static final ProcessVariable<Object> ON_BEHALF = field("onBehalf");
        public static final ProcessVariable<Object> AGENT_NAME = field("agentName");
        public static final ProcessVariable<Object> AGENT_EMAIL = field("agentEmail");
        public static final ProcessVariable<Object> AUTHORISATION_CONFIRMED = field("authorisationConfirmed");
        public static final ProcessVariable<Object> IDENTITY_CHECK = field("identityCheck");
        /** The privacy team decides before any department acts (a possibly unfounded, excessive or unclear request). */
        public static final ProcessVariable<Object> DECIDE_FIRST = field("decideFirst");

        private Fields() {
        }

        private static ProcessVariable<Object> field(String name) {
            return ProcessVariable.of(name, Object.class);
        }
    }

    /** The start form's fields, in the order the staff API takes them. */
    public static final String[] FORM_FIELDS = java.util.stream.Stream.of(Fields.TYPE, Fields.NAME, Fields.EMAIL,
            Fields.POSTAL_ADDRESS, Fields.SITE, Fields.LANGUAGE, Fields.CATEGORIES, Fields.DETAILS, Fields.RECEIVED_ON,
            Fields.CHANNEL, Fields.GROUND, Fields.ON_BEHALF, Fields.AGENT_NAME, Fields.AGENT_EMAIL,
            Fields.AUTHORISATION_CONFIRMED, Fields.IDENTITY_CHECK, Fields.DECIDE_FIRST).map(ProcessVariable::name).toArray(String[]::new);

    /** Who started the registration (the start event's camunda:initiator). */
    public static final ProcessVariable<String> INITIATOR = ProcessVariable.of("initiator", String.class);

    /** Set once the request is stored (no personal data): its reference, and the registrar's receipt (the task name). */
    public static final ProcessVariable<String> REFERENCE = ProcessVariable.of("reference", String.class);
    public static final ProcessVariable<String> RECEIPT = ProcessVariable.of("registrationReceipt", String.class);

    /** The registrar's receipt: Tasklist shows it right after the start (a task of the new instance assigned to them). */
    public static final String RECEIPT_TASK = "user_registration_receipt";

    private RegisterRequestProcess() {
    }
}
