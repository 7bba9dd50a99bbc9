package org.dsrflow.verification;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DECIDE_FIRST;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.IDENTITY_METHOD;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.IDENTITY_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.IDENTITY_REQUEST;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.TaskCompletionCheck;
import org.dsrflow.support.Jdbc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Complete-listener of the identity check: records how the privacy team checked and the outcome,
 * who checked and when. Never a copy of an identity document kept beyond the decision (EDPB 01/2022 §79, v2.1): the
 * evidence the requester uploaded is deleted as this is recorded ({@link IdentityDecisionRecorded}).
 */
@Component("identityCheckRecorder")
class IdentityCheckRecorder implements TaskListener, TaskCompletionCheck {

    /** EVIDENCE: what the requester uploaded on the reply page, held only until this check is recorded. */
    static final Set<String> METHODS = Set.of("KNOWLEDGE", "CALL_BACK", "ID_SEEN", "AUTHORISATION", "EVIDENCE");
    static final Set<String> OUTCOMES = Set.of("VERIFIED", "NOT_VERIFIED", "NEED_MORE");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    IdentityCheckRecorder(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.USER_IDENTITY_CHECK);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        List<String> problems = new ArrayList<>(problems(submitted.text(IDENTITY_METHOD.name()),
                submitted.text(IDENTITY_OUTCOME.name())));
        String decideFirst = submitted.json(DECIDE_FIRST.name());
        if (decideFirst != null && !decideFirst.equals("true") && !decideFirst.equals("false") && !decideFirst.equals("null")) {
            problems.add(DECIDE_FIRST.name() + " is true (the privacy team decides before the departments act) or false");
        }
        return problems;
    }

    private static List<String> problems(String method, String outcome) {
        return method == null || outcome == null || !METHODS.contains(method) || !OUTCOMES.contains(outcome)
                ? List.of("record how you checked (one of " + METHODS + ") and the outcome (one of " + OUTCOMES + ")")
                : List.of();
    }

    @Override
    public void notify(DelegateTask task) {
        String method = IDENTITY_METHOD.optionalFrom(task);
        String outcome = IDENTITY_OUTCOME.optionalFrom(task);
        if (!problems(method, outcome).isEmpty()) {
            throw new FormFieldValidationException(IDENTITY_OUTCOME.name(), String.join("; ", problems(method, outcome)));
        }
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        jdbc.sql("""
                        insert into dsr_identity_check (request_id, method, outcome, checked_by, checked_at, asked)
                        values (:requestId, :method, :outcome, :checkedBy, :now, :asked)""")
                .param("requestId", REQUEST_ID.from(task))
                .param("method", method)
                .param("outcome", outcome)
                .param("checkedBy", authentication != null && authentication.getUserId() != null
                        ? authentication.getUserId() : String.valueOf(task.getAssignee()))
                .param("now", Jdbc.utc(clock.instant()))
                .param("asked", asked(outcome, IDENTITY_REQUEST.optionalFrom(task)))
                .update();
        // Whatever the outcome, the evidence before the team has served its purpose (issue 24: held until the decision).
        events.publishEvent(new IdentityDecisionRecorded(REQUEST_ID.from(task), outcome));
    }

    /** What we asked the requester for, kept with a "need more" outcome (the request page shows who asked what). */
    private static String asked(String outcome, String request) {
        if (!"NEED_MORE".equals(outcome) || request == null || request.isBlank()) {
            return null;
        }
        String text = request.strip();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
