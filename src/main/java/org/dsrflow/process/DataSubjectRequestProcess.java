package org.dsrflow.process;

import java.util.List;

/**
 * The process API of {@code bpmn/data-subject-request.bpmn}: its key, element ids, messages and
 * typed variables. Code and tests refer to the process only through these names.
 * The process carries ids, the request type, site, language and flags, never the requester's
 * personal data (that lives in the application's own tables).
 */
public final class DataSubjectRequestProcess {

    public static final String KEY = "data-subject-request";
    public static final String ROUTING_DECISION_KEY = "department-routing";

    private DataSubjectRequestProcess() {
    }

    public static final class Elements {
        public static final String START = "start_request_received";
        public static final String SEND_ACKNOWLEDGEMENT = "send_acknowledgement_email";
        public static final String WAIT_EMAIL_CONFIRMED = "receive_email_confirmed";
        public static final String DECIDE_DEPARTMENTS = "decide_departments";
        public static final String DEPARTMENT_TASK = "user_department_task";
        public static final String PRIVACY_REVIEW = "user_privacy_review";
        public static final String REVIEW_DECISION = "gateway_review_decision";
        public static final String SEND_RESPONSE = "send_response_email";
        public static final String SEND_REFUSAL = "send_refusal_email";
        public static final String END_ANSWERED = "end_request_answered";
        public static final String END_REFUSED = "end_request_refused";

        private Elements() {
        }
    }

    public static final class Messages {
        /** Correlated by business key (the request reference) when the requester opens the confirmation link. */
        public static final String EMAIL_CONFIRMED = "EmailConfirmed";

        private Messages() {
        }
    }

    /** Values of {@link Variables#REVIEW_DECISION}, set by the privacy-review form. */
    public static final class ReviewDecisions {
        public static final String APPROVE = "approve";
        public static final String REFUSE = "refuse";

        private ReviewDecisions() {
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Variables {
        /** Primary key of the request in the application's own table. */
        public static final ProcessVariable<Long> REQUEST_ID = ProcessVariable.of("requestId", Long.class);
        public static final ProcessVariable<String> TYPE = ProcessVariable.of("type", String.class);
        public static final ProcessVariable<String> SITE = ProcessVariable.of("site", String.class);
        public static final ProcessVariable<String> LANGUAGE = ProcessVariable.of("language", String.class);
        /** Data categories the request covers (input of the routing decision). */
        public static final ProcessVariable<List<String>> CATEGORIES =
                (ProcessVariable) ProcessVariable.of("categories", List.class);
        /** Departments picked by the routing decision; the collection of the department fan-out. */
        public static final ProcessVariable<List<String>> DEPARTMENTS =
                (ProcessVariable) ProcessVariable.of("departments", List.class);
        /** Element variable of the department fan-out: the department (= candidate group) of one task. */
        public static final ProcessVariable<String> DEPARTMENT = ProcessVariable.of("department", String.class);
        /** Department form: FOUND_OR_DONE or NOTHING_FOUND (task-local). */
        public static final ProcessVariable<String> DEPARTMENT_OUTCOME = ProcessVariable.of("outcome", String.class);
        /** Department form: what was found or done (task-local; copied to the application's tables). */
        public static final ProcessVariable<String> DEPARTMENT_REPORT = ProcessVariable.of("report", String.class);
        public static final ProcessVariable<String> REVIEW_DECISION = ProcessVariable.of("reviewDecision", String.class);
        public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.of("reviewComment", String.class);
        /** Input parameter of each send task: which email it sends. */
        public static final ProcessVariable<String> EMAIL_KIND = ProcessVariable.of("emailKind", String.class);

        private Variables() {
        }
    }
}
