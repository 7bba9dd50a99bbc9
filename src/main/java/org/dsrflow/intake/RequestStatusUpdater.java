package org.dsrflow.intake;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps the request's status in the application's table in step with the process; called from
 * execution listeners in the BPMN: {@code ${requestStatus.moveTo(execution, 'IN_REVIEW')}}.
 */
@Component("requestStatus")
public class RequestStatusUpdater {

    private final RequestRepository requests;
    private final Clock clock;

    RequestStatusUpdater(RequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    public void moveTo(DelegateExecution execution, String status) {
        requests.updateStatus(REQUEST_ID.from(execution), RequestStatus.valueOf(status), clock.instant());
    }
}
