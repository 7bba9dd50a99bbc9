package org.dsrflow.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.deadlines.StopReason;
import org.dsrflow.process.AskRequesterProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.springframework.stereotype.Component;

/**
 * The privacy team's question at any time (Tasklist start form "Ask a requester a question"): checked,
 * stored in {@code dsr_clarification} like the review's question (with whether the site's rule stops the
 * clock), and the request's process told, which emails it and waits while the departments go on. A refused
 * form reaches Tasklist as a form validation message (400) and nothing is stored or sent; the form's values
 * are removed from this instance.
 */
@Component("askRequesterStart")
class AskRequesterStart implements JavaDelegate {

    private final RequestRepository requests;
    private final RequestProcessAdapter process;
    private final Clarifications clarifications;
    private final DeadlineService deadlines;

    AskRequesterStart(RequestRepository requests, RequestProcessAdapter process, Clarifications clarifications,
                      DeadlineService deadlines) {
        this.requests = requests;
        this.process = process;
        this.clarifications = clarifications;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object givenReference = AskRequesterProcess.REFERENCE.optionalFrom(execution);
        Object givenQuestion = AskRequesterProcess.QUESTION.optionalFrom(execution);
        String reference = givenReference == null ? "" : String.valueOf(givenReference).strip();
        Optional<DsrRequest> found = reference.isEmpty() ? Optional.empty() : requests.findByReference(reference);
        if (found.isEmpty()) {
            throw refused("reference: no request " + (reference.isEmpty() ? "given" : reference.replaceAll("[^A-Za-z0-9-]", "")));
        }
        DsrRequest request = found.get();
        List<String> problems = new ArrayList<>();
        if (!process.isHandled(request.reference())) {
            problems.add("reference: " + request.reference() + " is not being handled now (a question can be asked once the"
                    + " request is confirmed and its identity checked, until it is answered; status " + request.status() + ")");
        } else if (process.isAskingTheRequester(request.reference())) {
            problems.add("reference: " + request.reference() + " already waits for the requester's answer to a question;"
                    + " ask again once it is answered or its last day has passed");
        } else if (process.isWaitingForFee(request.reference())) {
            // One wait for the requester at a time: the fee's clock rule and pay-by date were set for the fee alone.
            problems.add("reference: " + request.reference() + " waits for a fee to be paid; ask once the payment is recorded");
        }
        String question = givenQuestion == null ? null : String.valueOf(givenQuestion);
        if (question == null || question.isBlank() || question.length() > ReviewOutcomeRecorder.MAX_QUESTION
                || question.chars().anyMatch(ReviewOutcomeRecorder::isControl)) {
            problems.add("clarificationQuestion: write the question to the requester (at most " + ReviewOutcomeRecorder.MAX_QUESTION
                    + " characters, no control characters)");
        }
        if (!problems.isEmpty()) {
            throw refused(String.join("; ", problems));
        }
        clarifications.ask(request.id(), question.strip(), askedBy(execution),
                deadlines.stopsClock(request.id(), StopReason.CLARIFICATION));
        execution.setProcessBusinessKey(request.reference());
        // The question is in dsr-flow's table now; the history level never recorded it.
        execution.removeVariables(List.of(AskRequesterProcess.QUESTION.name(), AskRequesterProcess.REFERENCE.name()));
        try {
            process.questionAsked(request.reference());
        } catch (org.camunda.bpm.engine.MismatchingMessageCorrelationException endedMeanwhile) {
            throw refused("reference: " + request.reference() + " is no longer being handled (it was answered meanwhile)");
        }
    }

    private static String askedBy(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "(not logged in)" : authentication.getUserId();
    }

    private static FormFieldValidationException refused(String problems) {
        return new FormFieldValidationException(AskRequesterProcess.KEY, "The question was not asked: " + problems);
    }
}
