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
import org.springframework.stereotype.Component;

/**
 * The send tasks of the BPMN ({@code camunda:delegateExpression="${sendEmail}"}); the kind of
 * email is the task's {@code emailKind} input parameter. The tasks are asynchronous, so a failed
 * send is retried by the job executor and ends as a Cockpit incident.
 */
@Component("sendEmail")
class SendEmailDelegate implements JavaDelegate {

    private final CorrespondenceService correspondence;

    SendEmailDelegate(CorrespondenceService correspondence) {
        this.correspondence = correspondence;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EmailKind kind = EmailKind.valueOf(EMAIL_KIND.from(execution));
        EmailContext context = new EmailContext(DEPARTMENT.optionalFrom(execution), REVIEW_DECISION.optionalFrom(execution),
                REVIEW_COMMENT.optionalFrom(execution), IDENTITY_REQUEST.optionalFrom(execution),
                !Boolean.FALSE.equals(EMAIL_CONFIRMATION_REQUIRED.optionalFrom(execution)));
        correspondence.send(REQUEST_ID.from(execution), kind, context);
    }
}
