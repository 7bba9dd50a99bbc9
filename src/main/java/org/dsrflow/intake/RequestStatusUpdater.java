package org.dsrflow.intake;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.dsrflow.deadlines.DeadlineService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestRepository;

/**
 * Keeps the request's status in the application's table in step with the process; called from
 * execution listeners in the BPMN: {@code ${requestStatus.moveTo(execution, 'IN_REVIEW')}}. When a
 * request is answered or refused it also records the answer day, the days taken and whether it was
 * on time (the SLA figures' read model).
 */
@Component("requestStatus")
public class RequestStatusUpdater {

    private final RequestRepository requests;
    private final DeadlineService deadlines;
    private final Clock clock;

    RequestStatusUpdater(RequestRepository requests, DeadlineService deadlines, Clock clock) {
        this.requests = requests;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * A question asked while the request is handled (departments working, or the review open): the request waits
     * for the requester; the status it had is kept with the wait, to return to.
     */
    public void questionAsked(DelegateExecution execution) {
        long requestId = REQUEST_ID.from(execution);
        RequestStatus before = requests.findById(requestId).map(DsrRequest::status).orElse(RequestStatus.IN_PROGRESS);
        org.dsrflow.process.DataSubjectRequestProcess.Variables.STATUS_BEFORE_QUESTION.setLocal(execution,
                before == RequestStatus.WAITING_FOR_REQUESTER ? RequestStatus.IN_PROGRESS.name() : before.name());
        moveTo(execution, RequestStatus.WAITING_FOR_REQUESTER.name());
    }

    /**
     * That question got its answer or its last day passed: the request returns to the status it had (in progress,
     * in review), unless something else moved it on meanwhile (e.g. the review began: IN_REVIEW).
     */
    public void questionEnded(DelegateExecution execution) {
        long requestId = REQUEST_ID.from(execution);
        if (requests.findById(requestId).map(request -> request.status() == RequestStatus.WAITING_FOR_REQUESTER).orElse(false)) {
            String before = org.dsrflow.process.DataSubjectRequestProcess.Variables.STATUS_BEFORE_QUESTION.optionalFrom(execution);
            requests.updateStatus(requestId, before == null ? RequestStatus.IN_PROGRESS : RequestStatus.valueOf(before), clock.instant());
        }
    }

    public void moveTo(DelegateExecution execution, String status) {
        long requestId = REQUEST_ID.from(execution);
        RequestStatus next = RequestStatus.valueOf(status);
        requests.updateStatus(requestId, next, clock.instant());
        if (next == RequestStatus.ANSWERED || next == RequestStatus.REFUSED) {
            DsrRequest request = requests.findById(requestId).orElseThrow();
            LocalDate answeredOn = deadlines.today(request.site());
            requests.recordAnswer(requestId, answeredOn, (int) ChronoUnit.DAYS.between(request.receivedOn(), answeredOn),
                    !answeredOn.isAfter(deadlines.current(requestId).answerDueDate()));
        }
    }
}
