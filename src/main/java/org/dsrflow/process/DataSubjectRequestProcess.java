package org.dsrflow.process;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrflow.request.RequestType;

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
        /** Before any department task: a repeat, or a request the privacy team flagged, gets its decision first (Art. 12(5)). */
        public static final String GATEWAY_TRIAGE = "gateway_triage";
        public static final String USER_TRIAGE = "user_triage";
        public static final String END_TRIAGE_REFUSED = "end_handling_triage_refused";
        public static final String DEPARTMENT_TASK = "user_department_task";
        /** Issue 26: the department's systems searched (external tasks) before its task opens; its task waits for them. */
        public static final String SEARCH_SYSTEM = "search_system";
        public static final String GATEWAY_SYSTEMS_TO_SEARCH = "gateway_systems_to_search";
        public static final String RECEIVE_SYSTEMS_SEARCHED = "receive_systems_searched";
        public static final String TIMER_SYSTEMS_SEARCH_WAIT = "timer_systems_search_wait";
        /** What the department confirmed it acted on, carried out in its systems after its task (external tasks). */
        public static final String GATEWAY_SYSTEM_ACTIONS = "gateway_system_actions";
        public static final String ACT_IN_SYSTEM = "act_in_system";
        public static final String GATEWAY_REWORK_SYSTEM_ACTIONS = "gateway_rework_system_actions";
        public static final String ACT_IN_SYSTEM_AFTER_REWORK = "act_in_system_after_rework";
        public static final String PRIVACY_REVIEW = "user_privacy_review";
        public static final String GATEWAY_REVIEW_DECISION = "gateway_review_decision";
        public static final String SEND_RESPONSE = "send_response_email";
        public static final String SEND_REFUSAL = "send_refusal_email";
        public static final String END_ANSWERED = "end_request_answered";
        /** A request without an email address: the privacy team posts the letter written instead and records the day. */
        public static final String USER_POST_ANSWER = "user_post_answer";
        public static final String USER_POST_REFUSAL = "user_post_refusal";
        public static final String USER_POST_IDENTITY_REFUSAL = "user_post_identity_refusal";
        public static final String END_REFUSED = "end_request_refused";
        public static final String CONFIRMATION_NEEDED = "gateway_confirmation_needed";
        public static final String TIMER_CONFIRMATION_REMINDER = "timer_confirmation_reminder";
        public static final String SEND_CONFIRMATION_REMINDER = "send_confirmation_reminder_email";
        public static final String TIMER_CONFIRMATION_EXPIRED = "timer_confirmation_expired";
        public static final String SEND_CLOSED_UNCONFIRMED = "send_closed_unconfirmed_email";
        public static final String END_CLOSED_UNCONFIRMED = "end_closed_unconfirmed";
        public static final String END_CONFIRMATION_REMINDED = "end_confirmation_reminded";
        public static final String END_DEPARTMENT_REMINDED = "end_department_reminded";
        public static final String END_DEPARTMENT_ESCALATED = "end_department_escalated";
        public static final String END_EXTENDED_WARNED = "end_extended_warned";
        public static final String END_NOT_EXTENDED = "end_not_extended";
        public static final String END_EXTENSION_WINDOW_CLOSED = "end_extension_window_closed";
        public static final String END_BREACH_ESCALATED = "end_breach_escalated";
        public static final String END_HANDLING_REVIEWED = "end_handling_reviewed";
        public static final String DECIDE_IDENTITY_CHECK = "decide_identity_check";
        public static final String USER_IDENTITY_CHECK = "user_identity_check";
        public static final String SEND_IDENTITY_EVIDENCE_REQUEST = "send_identity_evidence_request_email";
        public static final String WAIT_IDENTITY_EVIDENCE = "receive_identity_evidence";
        public static final String TIMER_IDENTITY_EVIDENCE_EXPIRED = "timer_identity_evidence_expired";
        public static final String SEND_CLOSED_NO_REPLY = "send_closed_no_reply_email";
        public static final String END_CLOSED_NO_REPLY = "end_closed_no_reply";
        public static final String SEND_IDENTITY_REFUSAL = "send_identity_refusal_email";
        public static final String END_IDENTITY_REFUSED = "end_identity_refused";
        public static final String DEPARTMENT_REWORK = "user_department_rework";
        /** The department is emailed beside its new task, and beside a task returned to it (its own subprocess). */
        public static final String SEND_DEPARTMENT_TASK = "send_department_task_email";
        public static final String SEND_DEPARTMENT_RETURNED = "send_department_returned_email";
        public static final String DEPARTMENT_REWORK_SUBPROCESS = "subprocess_department_rework";
        public static final String HANDLING = "subprocess_request_handling";
        public static final String DEPARTMENT_WORK = "subprocess_department_work";
        public static final String TIMER_DEPARTMENT_REMINDER = "timer_department_reminder";
        public static final String SEND_DEPARTMENT_REMINDER = "send_department_reminder_email";
        public static final String TIMER_DEPARTMENT_ESCALATION = "timer_department_escalation";
        public static final String SEND_DEPARTMENT_ESCALATION = "send_department_escalation_email";
        public static final String TIMER_DEADLINE_WARNING = "timer_deadline_warning";
        public static final String SEND_DEADLINE_WARNING = "send_deadline_warning_email";
        public static final String EXTENSION_DECISION = "user_extension_decision";
        /** Objection (Art. 21(1)): the privacy team weighs, per purpose, whether compelling grounds override. */
        public static final String OBJECTION_DECISION = "user_objection_decision";
        /** Art. 19 / 28: one per processor or recipient with a contact address, waiting for its confirmation. */
        public static final String EXTERNAL_PARTIES = "subprocess_external_parties";
        public static final String RECEIVE_EXTERNAL_PARTY = "receive_external_party";
        public static final String TIMER_EXTERNAL_PARTY_REMINDER = "timer_external_party_reminder";
        public static final String TIMER_EXTERNAL_PARTY_ESCALATION = "timer_external_party_escalation";
        public static final String TIMER_EXTENSION_CUTOFF = "timer_extension_cutoff";
        public static final String RECORD_EXTENSION = "record_extension";
        public static final String SEND_EXTENSION_NOTICE = "send_extension_notice_email";
        public static final String TIMER_WARNING_AFTER_EXTENSION = "timer_warning_after_extension";
        public static final String SEND_WARNING_AFTER_EXTENSION = "send_warning_after_extension_email";
        public static final String TIMER_DEADLINE_BREACH = "timer_deadline_breach";
        public static final String FLAG_OVERDUE = "flag_overdue";
        public static final String SEND_BREACH_ESCALATION = "send_breach_escalation_email";
        /** Clarification: the review asks the requester a question; the answer comes back to the review. */
        public static final String SEND_CLARIFICATION_REQUEST = "send_clarification_request_email";
        public static final String WAIT_CLARIFICATION = "receive_clarification";
        public static final String TIMER_CLARIFICATION_REMINDER = "timer_clarification_reminder";
        public static final String SEND_CLARIFICATION_REMINDER = "send_clarification_reminder_email";
        public static final String END_CLARIFICATION_REMINDED = "end_clarification_reminded";
        public static final String TIMER_CLARIFICATION_EXPIRED = "timer_clarification_expired";
        /**
         * A question at any time once the request is handled (also while the departments work), started from
         * Tasklist ({@link AskRequesterProcess}): the work goes on; an answer opens a task for the privacy team.
         */
        public static final String QUESTION_ANY_TIME = "subprocess_question_any_time";
        public static final String SEND_QUESTION_ANY_TIME = "send_question_any_time_email";
        public static final String WAIT_QUESTION_ANY_TIME = "receive_question_any_time";
        public static final String TIMER_QUESTION_ANY_TIME_REMINDER = "timer_question_any_time_reminder";
        public static final String SEND_QUESTION_ANY_TIME_REMINDER = "send_question_any_time_reminder_email";
        public static final String END_QUESTION_ANY_TIME_REMINDED = "end_question_any_time_reminded";
        public static final String TIMER_QUESTION_ANY_TIME_EXPIRED = "timer_question_any_time_expired";
        public static final String END_QUESTION_ANY_TIME_UNANSWERED = "end_question_any_time_unanswered";
        public static final String USER_QUESTION_ANSWERED = "user_question_answered";
        public static final String END_QUESTION_ANY_TIME_ANSWERED = "end_question_any_time_answered";
        /** Fee (Art. 12(5)): notice first, the privacy team records the payment, then the answer. */
        public static final String SEND_FEE_NOTICE = "send_fee_notice_email";
        public static final String USER_FEE_PAYMENT = "user_fee_payment";
        public static final String TIMER_FEE_UNPAID = "timer_fee_unpaid";
        public static final String GATEWAY_FEE_PAID = "gateway_fee_paid";
        public static final String END_HANDLING_FEE_PAID = "end_handling_fee_paid";
        public static final String END_FEE_NOT_PAID = "end_fee_not_paid";
        public static final String BOUNDARY_FEE_NOT_PAID = "boundary_fee_not_paid";
        public static final String SEND_CLOSED_FEE_UNPAID = "send_closed_fee_unpaid_email";
        public static final String END_CLOSED_FEE_UNPAID = "end_closed_fee_unpaid";

        private Elements() {
        }
    }

    public static final class Messages {
        /** Correlated by business key (the request reference) when the requester opens the confirmation link. */
        public static final String EMAIL_CONFIRMED = "EmailConfirmed";
        /** The requester answered a request for identity evidence or clarification. */
        public static final String REQUESTER_REPLIED = "RequesterReplied";
        /** The privacy team asks the requester a question while the request is handled (correlated by business key). */
        public static final String PRIVACY_QUESTION = "PrivacyQuestion";

        private Messages() {
        }
    }

    /**
     * What each user task's completion may carry: the variables of its form, nothing else. A
     * department answers with {@code answer} (task-local, so parallel departments never overwrite
     * each other); the privacy team's tasks set their decision. Any other variable, from Tasklist
     * or the REST API, is refused (see {@code security/guard/TaskWorkGuard}); the forms are checked
     * against this table by a test.
     */
    public static final Map<String, Set<String>> TASK_OUTPUTS = Map.ofEntries(
            Map.entry(Elements.DEPARTMENT_TASK, Set.of(Variables.ANSWER.name())),
            Map.entry(Elements.DEPARTMENT_REWORK, Set.of(Variables.ANSWER.name())),
            Map.entry(Elements.USER_IDENTITY_CHECK, Set.of(Variables.IDENTITY_METHOD.name(), Variables.IDENTITY_OUTCOME.name(),
                    Variables.IDENTITY_REQUEST.name(), Variables.REVIEW_COMMENT.name(), Variables.DECIDE_FIRST.name())),
            Map.entry(Elements.USER_TRIAGE, Set.of(Variables.REVIEW_DECISION.name(), Variables.REVIEW_COMMENT.name(),
                    Variables.CLARIFICATION_QUESTION.name(), Variables.FEE_AMOUNT.name(), Variables.FEE_REASONS.name(),
                    Variables.FEE_CALCULATION.name(), Variables.FEE_PAYMENT.name(),
                    Variables.REFUSAL_REASON.name(), Variables.FEE_REASON.name())),
            Map.entry(Elements.PRIVACY_REVIEW, Set.of(Variables.REVIEW_DECISION.name(), Variables.REVIEW_COMMENT.name(),
                    Variables.RETURN_TO.name(), Variables.RETURN_COMMENT.name(), Variables.CLARIFICATION_QUESTION.name(),
                    Variables.FEE_AMOUNT.name(), Variables.FEE_REASONS.name(), Variables.FEE_CALCULATION.name(),
                    Variables.FEE_PAYMENT.name(), Variables.REFUSAL_REASON.name(), Variables.FEE_REASON.name())),
            Map.entry(Elements.USER_FEE_PAYMENT, Set.of(Variables.FEE_OUTCOME.name(), Variables.FEE_PAID_ON.name())),
            Map.entry(Elements.EXTENSION_DECISION, Set.of(Variables.EXTEND.name(), Variables.EXTENSION_REASONS.name(),
                    Variables.EXTENSION_REASON.name())),
            Map.entry(Elements.OBJECTION_DECISION, Set.of(Variables.OBJECTION.name())),
            // Read on the request's questions page; completing it says so, nothing else.
            Map.entry(Elements.USER_QUESTION_ANSWERED, Set.of()),
            Map.entry(Elements.USER_POST_ANSWER, Set.of(Variables.POSTED_ON.name())),
            Map.entry(Elements.USER_POST_REFUSAL, Set.of(Variables.POSTED_ON.name())),
            Map.entry(Elements.USER_POST_IDENTITY_REFUSAL, Set.of(Variables.POSTED_ON.name())));

    /** Values of {@link Variables#FEE_OUTCOME}, set by the fee-payment form. */
    public static final class FeeOutcomes {
        public static final String PAID = "PAID";
        public static final String NOT_PAID = "NOT_PAID";

        private FeeOutcomes() {
        }
    }

    /** Values of {@link Variables#REVIEW_DECISION}, set by the privacy-review form and, before the departments act, the triage form. */
    public static final class ReviewDecisions {
        public static final String APPROVE = "approve";
        public static final String RETURN = "return";
        public static final String PARTIAL = "partial";
        public static final String REFUSE = "refuse";
        /** The request is unclear: the requester is asked a question, the answer comes back to the review. */
        public static final String CLARIFY = "clarify";
        /** Manifestly unfounded or excessive (Art. 12(5)(a)): a reasonable fee, notified first; answered once paid. */
        public static final String FEE = "fee";
        /** Only before the departments act ({@code user_triage}): nothing stands in the way, the departments search. */
        public static final String PROCEED = "proceed";

        private ReviewDecisions() {
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Variables {
        /** Primary key of the request in the application's own table. */
        public static final ProcessVariable<Long> REQUEST_ID = ProcessVariable.of("requestId", Long.class);
        /** The request type, kept in the engine as its name ({@code ${type == 'OBJECTION'}} in BPMN, the DMN's {@code type}). */
        public static final ProcessVariable<RequestType> TYPE = ProcessVariable.ofEnum("type", RequestType.class);
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
        /** Department task input: the request's categories the department holds (a list, for its form). */
        public static final ProcessVariable<Object> DEPARTMENT_CATEGORIES = ProcessVariable.of("departmentCategories", Object.class);
        /** Element variable of a department's system searches: the system's id in the register. */
        public static final ProcessVariable<String> SYSTEM = ProcessVariable.of("system", String.class);
        /** A system search's or action's run (its row in the application's tables): all a system task carries. */
        public static final ProcessVariable<Long> SYSTEM_RUN = ProcessVariable.of("systemRun", Long.class);
        /** Task-local: the Camunda Form of a department task, set when it is created (its {@code camunda:formRef}). */
        public static final ProcessVariable<String> DEPARTMENT_FORM = ProcessVariable.of("departmentForm", String.class);
        /** Department form: the department's answer as JSON (task-local; copied to the application's tables). */
        public static final ProcessVariable<Object> ANSWER = ProcessVariable.of("answer", Object.class);
        /** Objection: the privacy team's decision per purpose, {@code {<purpose>: {override: yes|no, grounds}}} (staff text, no requester data). */
        public static final ProcessVariable<Object> OBJECTION = ProcessVariable.of("objection", Object.class);
        /** Objection decision's input: the purposes open to objection that a department stopped processing for (a list). */
        public static final ProcessVariable<Object> OBJECTED_PURPOSES = ProcessVariable.of("objectedPurposes", Object.class);
        /** The processor or recipient (register id) of one external-party instance (its element variable). */
        public static final ProcessVariable<String> EXTERNAL_PARTY = ProcessVariable.of("externalParty", String.class);
        public static final ProcessVariable<String> REVIEW_DECISION = ProcessVariable.of("reviewDecision", String.class);
        /**
         * The privacy team flagged the request (at registration or at the identity check) as possibly manifestly
         * unfounded, excessive or unclear: it decides before any department task is created.
         */
        public static final ProcessVariable<Boolean> DECIDE_FIRST = ProcessVariable.of("decideFirst", Boolean.class);
        public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.of("reviewComment", String.class);
        /**
         * Standard reasons (the register's {@code reasons}): the id staff picked for a refusal or partial refusal, an
         * extension, a fee; the requester reads its text in their language, then the free text. Ids, never texts.
         */
        public static final ProcessVariable<String> REFUSAL_REASON = ProcessVariable.of("refusalReason", String.class);
        /** Local to the wait for an answer to a question asked while the request is handled: the status to return to. */
        public static final ProcessVariable<String> STATUS_BEFORE_QUESTION = ProcessVariable.of("statusBeforeQuestion", String.class);
        public static final ProcessVariable<String> EXTENSION_REASON = ProcessVariable.of("extensionReason", String.class);
        public static final ProcessVariable<String> FEE_REASON = ProcessVariable.of("feeReason", String.class);
        /** False for requests registered by staff: the channel they came through already established them. */
        public static final ProcessVariable<Boolean> EMAIL_CONFIRMATION_REQUIRED =
                ProcessVariable.of("emailConfirmationRequired", Boolean.class);
        /** No email address (a letter or a call with a postal address): the answer or refusal goes as a letter. */
        public static final ProcessVariable<Boolean> BY_POST = ProcessVariable.of("byPost", Boolean.class);
        /** Post-letter form: the day the privacy team posted the letter (YYYY-MM-DD). */
        public static final ProcessVariable<String> POSTED_ON = ProcessVariable.of("postedOn", String.class);
        /** Date of receipt (start of the day in the site's zone). */
        public static final ProcessVariable<Date> RECEIVED_ON = ProcessVariable.of("receivedOn", Date.class);
        /** One-month due date (end of the day in the site's zone); recomputed when the clock resumes. */
        public static final ProcessVariable<Date> DUE_DATE = ProcessVariable.of("dueDate", Date.class);
        /** Receipt + 3 months; set once the deadline is extended. */
        public static final ProcessVariable<Date> EXTENDED_DUE_DATE = ProcessVariable.of("extendedDueDate", Date.class);
        /** The date the answer is due now (the extended date once extended): the breach timer. */
        public static final ProcessVariable<Date> ANSWER_DUE_DATE = ProcessVariable.of("answerDueDate", Date.class);
        /** When the privacy team is warned and the extension decision opens. */
        public static final ProcessVariable<Date> WARNING_DATE = ProcessVariable.of("warningDate", Date.class);
        public static final ProcessVariable<Boolean> CLOCK_STOPPED = ProcessVariable.of("clockStopped", Boolean.class);
        public static final ProcessVariable<Boolean> OVERDUE = ProcessVariable.of("overdue", Boolean.class);
        /** Internal target of the department tasks (Tasklist due date) and their follow-up date. */
        public static final ProcessVariable<Date> DEPARTMENT_DUE_DATE = ProcessVariable.of("departmentDueDate", Date.class);
        public static final ProcessVariable<Date> DEPARTMENT_FOLLOW_UP_DATE = ProcessVariable.of("departmentFollowUpDate", Date.class);
        /** Extension decision form. */
        public static final ProcessVariable<Boolean> EXTEND = ProcessVariable.of("extend", Boolean.class);
        public static final ProcessVariable<String> EXTENSION_REASONS = ProcessVariable.of("extensionReasons", String.class);
        /** Art. 12(5): the reference of an earlier request by the same address answered recently, and when (ISO date). */
        /** Restriction: the requester's ground (a RestrictionGround name, "not stated" without one), for the department form. */
        public static final ProcessVariable<String> RESTRICTION_GROUND = ProcessVariable.of("restrictionGround", String.class);
        public static final ProcessVariable<String> REPEAT_OF = ProcessVariable.of("repeatOf", String.class);
        public static final ProcessVariable<String> REPEAT_ANSWERED_ON = ProcessVariable.of("repeatAnsweredOn", String.class);
        /** Whether the request covers a category the register marks special (Art. 9): a stronger identity check. */
        public static final ProcessVariable<Boolean> SPECIAL_CATEGORY = ProcessVariable.of("specialCategory", Boolean.class);
        /** Acting on someone else's behalf (from the request form): asks for a stronger identity check. */
        public static final ProcessVariable<Boolean> ON_BEHALF = ProcessVariable.of("onBehalf", Boolean.class);
        /** Identity decision: "email" (confirmed address suffices) or "manual" (privacy team checks). */
        public static final ProcessVariable<String> IDENTITY_CHECK = ProcessVariable.of("identityCheck", String.class);
        /** Identity check form: method, outcome (VERIFIED, NOT_VERIFIED, NEED_MORE), what to ask for. */
        public static final ProcessVariable<String> IDENTITY_METHOD = ProcessVariable.of("identityMethod", String.class);
        public static final ProcessVariable<String> IDENTITY_OUTCOME = ProcessVariable.of("identityOutcome", String.class);
        public static final ProcessVariable<String> IDENTITY_REQUEST = ProcessVariable.of("identityRequest", String.class);
        /** Review form: the department a task is returned to, and what it must correct. */
        public static final ProcessVariable<String> RETURN_TO = ProcessVariable.of("returnTo", String.class);
        public static final ProcessVariable<String> RETURN_COMMENT = ProcessVariable.of("returnComment", String.class);
        /**
         * Review form, "clarify": the question to the requester. Moved into {@code dsr_clarification}
         * when the review completes and removed from the process; the process carries {@link #CLARIFICATION_ID}.
         */
        public static final ProcessVariable<String> CLARIFICATION_QUESTION = ProcessVariable.of("clarificationQuestion", String.class);
        public static final ProcessVariable<Long> CLARIFICATION_ID = ProcessVariable.of("clarificationId", Long.class);
        /**
         * Review form, "fee": amount, reasons, how it was calculated and how to pay. Moved into
         * {@code dsr_fee} when the review completes and removed; the process carries {@link #FEE_ID} and the dates.
         */
        public static final ProcessVariable<Object> FEE_AMOUNT = ProcessVariable.of("feeAmount", Object.class);
        public static final ProcessVariable<String> FEE_REASONS = ProcessVariable.of("feeReasons", String.class);
        public static final ProcessVariable<String> FEE_CALCULATION = ProcessVariable.of("feeCalculation", String.class);
        public static final ProcessVariable<String> FEE_PAYMENT = ProcessVariable.of("feePayment", String.class);
        public static final ProcessVariable<Long> FEE_ID = ProcessVariable.of("feeId", Long.class);
        /** The last day to pay (end of the day in the site's zone): the payment task's due date. */
        public static final ProcessVariable<Date> FEE_PAY_BY = ProcessVariable.of("feePayBy", Date.class);
        /** When an unpaid fee closes the request: the pay-by day plus the time to record a late transfer. */
        public static final ProcessVariable<Date> FEE_CLOSES_AT = ProcessVariable.of("feeClosesAt", Date.class);
        /** Fee-payment form: PAID or NOT_PAID, and the day the payment arrived (YYYY-MM-DD). */
        public static final ProcessVariable<String> FEE_OUTCOME = ProcessVariable.of("feeOutcome", String.class);
        public static final ProcessVariable<String> FEE_PAID_ON = ProcessVariable.of("feePaidOn", String.class);
        /** Review task input: when the requester answered the last question (ISO date), null when none was answered. */
        public static final ProcessVariable<String> CLARIFICATION_ANSWERED_ON =
                ProcessVariable.of("clarificationAnsweredOn", String.class);
        /** Review task input: the day our last question was asked (ISO) when it went unanswered, else null. */
        public static final ProcessVariable<String> CLARIFICATION_UNANSWERED_SINCE =
                ProcessVariable.of("clarificationUnansweredSince", String.class);
        /**
         * Set on every user task when it is created ({@code TaskTitles}), for its form and Tasklist: the request's
         * reference, and the words staff read instead of codes: "Erasure", "Sweden", "Web & digital",
         * the restriction's ground. Task-local; no personal data.
         */
        public static final ProcessVariable<String> REFERENCE = ProcessVariable.of("reference", String.class);
        public static final ProcessVariable<String> TYPE_LABEL = ProcessVariable.of("typeLabel", String.class);
        public static final ProcessVariable<String> SITE_LABEL = ProcessVariable.of("siteLabel", String.class);
        /** Task-local: the language the requester reads, for the forms' fields that reach them ("Swedish (svenska)"). */
        public static final ProcessVariable<String> REQUESTER_LANGUAGE = ProcessVariable.of("requesterLanguage", String.class);
        public static final ProcessVariable<String> DEPARTMENT_NAME = ProcessVariable.of("departmentName", String.class);
        public static final ProcessVariable<String> RESTRICTION_GROUND_LABEL =
                ProcessVariable.of("restrictionGroundLabel", String.class);
        /** Input parameter of each send task: which email it sends. */
        public static final ProcessVariable<String> EMAIL_KIND = ProcessVariable.of("emailKind", String.class);

        private Variables() {
        }
    }
}
