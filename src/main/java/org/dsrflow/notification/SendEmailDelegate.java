package org.dsrflow.notification;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EMAIL_CONFIRMATION_REQUIRED;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EMAIL_KIND;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.IDENTITY_REQUEST;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.springframework.stereotype.Component;

/**
 * The send tasks of the BPMN ({@code camunda:delegateExpression="${sendEmail}"}); the kind of
 * email is the task's {@code emailKind} input parameter. The tasks are asynchronous, so a failed
 * send is retried by the job executor and ends as a Cockpit incident.
 */
@Component("sendEmail")
class SendEmailDelegate implements JavaDelegate {

    private final CorrespondenceService correspondence;
    private final RequestRepository requests;

    SendEmailDelegate(CorrespondenceService correspondence, RequestRepository requests) {
        this.correspondence = correspondence;
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmailKind kind = EmailKind.valueOf(EMAIL_KIND.from(execution));
        long requestId = REQUEST_ID.from(execution);
        // The request this instance was bound to at intake; a variable alone never decides where an email goes.
        DsrRequest request = requests.findById(requestId)
                .filter(found -> execution.getProcessInstanceId().equals(found.processInstanceId()))
                .orElseThrow(() -> new IllegalStateException("Process instance " + execution.getProcessInstanceId()
                        + " is not the one request id " + requestId + " was registered with; no email sent"));
        EmailContext context = new EmailContext(DEPARTMENT.optionalFrom(execution), REVIEW_DECISION.optionalFrom(execution),
                REVIEW_COMMENT.optionalFrom(execution), IDENTITY_REQUEST.optionalFrom(execution),
                !Boolean.FALSE.equals(EMAIL_CONFIRMATION_REQUIRED.optionalFrom(execution)),
                org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTERNAL_PARTY.optionalFrom(execution),
                org.dsrflow.process.DataSubjectRequestProcess.Variables.REFUSAL_REASON.optionalFrom(execution));
        correspondence.send(request, kind, context, idempotencyKey(execution, kind));
    }

    /**
     * Request, kind, where in the process and which job: every send task is asynchronous, and a
     * job keeps its id through all its retries (also a "retry" from Cockpit), while a later pass
     * through the same task (e.g. a second request for identity evidence) is a new job.
     */
    static String idempotencyKey(DelegateExecution execution, EmailKind kind) {
        JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
        String attempt = job != null ? "job-" + job.getId() : "activity-" + execution.getActivityInstanceId();
        return execution.getProcessBusinessKey() + ":" + kind + ":" + execution.getCurrentActivityId() + ":" + attempt;
    }
}
