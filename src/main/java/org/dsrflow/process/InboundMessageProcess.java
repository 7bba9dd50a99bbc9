package org.dsrflow.process;

import java.util.Map;
import java.util.Set;

/**
 * The process API of {@code bpmn/inbound-message.bpmn}: each new email to a privacy mailbox becomes a task for the
 * privacy team. The instance carries the stored message's id and suggestions (codes only), never personal data:
 * the sender, subject and text stay in {@code dsr_inbox_message} and are read at completion and on the message page.
 */
public final class InboundMessageProcess {

    public static final String KEY = "inbound-message";
    public static final String TASK = "user_inbound_message";

    /** The stored message ({@code dsr_inbox_message.id}). */
    public static final ProcessVariable<Long> MESSAGE_ID = ProcessVariable.of("messageId", Long.class);
    /** What is wrong with the message, for the privacy team (no content of it); empty when nothing is. */
    public static final ProcessVariable<String> PROBLEM = ProcessVariable.of("messageProblem", String.class);
    /** When it reached the mailbox, written out for the form (the day becomes the request's receivedOn). */
    public static final ProcessVariable<String> ARRIVED = ProcessVariable.of("messageArrived", String.class);
    /** The choices of the form's lists, from the register ({label, value} each). */
    public static final ProcessVariable<Object> TYPE_OPTIONS = ProcessVariable.of("typeOptions", Object.class);
    public static final ProcessVariable<Object> SITE_OPTIONS = ProcessVariable.of("siteOptions", Object.class);
    public static final ProcessVariable<Object> LANGUAGE_OPTIONS = ProcessVariable.of("languageOptions", Object.class);
    public static final ProcessVariable<Object> CATEGORY_OPTIONS = ProcessVariable.of("categoryOptions", Object.class);

    /** The form's fields: the decision and, pre-filled with the suggestions, what a registration or an attachment needs. */
    public static final class Fields {
        public static final ProcessVariable<Object> DECISION = ProcessVariable.of("messageDecision", Object.class);
        public static final ProcessVariable<Object> TYPE = ProcessVariable.of("type", Object.class);
        public static final ProcessVariable<Object> SITE = ProcessVariable.of("site", Object.class);
        public static final ProcessVariable<Object> LANGUAGE = ProcessVariable.of("language", Object.class);
        public static final ProcessVariable<Object> CATEGORIES = ProcessVariable.of("categories", Object.class);
        /** The existing request to attach the message to. */
        public static final ProcessVariable<Object> REQUEST_REFERENCE = ProcessVariable.of("requestReference", Object.class);
        /** Why it is not a request: a general question, spam, other. */
        public static final ProcessVariable<Object> NOT_A_REQUEST = ProcessVariable.of("notARequest", Object.class);

        private Fields() {
        }
    }

    /** Values of {@link Fields#DECISION}. */
    public static final class Decisions {
        public static final String REGISTER = "register";
        public static final String ATTACH = "attach";
        public static final String NOT_A_REQUEST = "none";

        private Decisions() {
        }
    }

    /** What the task's form submits. */
    public static final Map<String, Set<String>> TASK_OUTPUTS = Map.of(TASK, Set.of(Fields.DECISION.name(), Fields.TYPE.name(),
            Fields.SITE.name(), Fields.LANGUAGE.name(), Fields.CATEGORIES.name(), Fields.REQUEST_REFERENCE.name(),
            Fields.NOT_A_REQUEST.name()));

    /** Set at completion (no personal data): the request the message was registered as or attached to. */
    public static final ProcessVariable<String> REFERENCE = ProcessVariable.of("reference", String.class);

    private InboundMessageProcess() {
    }
}
