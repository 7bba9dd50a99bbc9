package org.dsrflow.response;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the processors and recipients of a request answered (Art. 19, 28), for the compiled answer, the
 * requester's answer email and the staff's request page: who was asked about what, when, and what they said.
 */
@Component
public class ExternalPartyAnswers {

    /** What a party answers. */
    public enum Outcome { DONE, NOT_DONE }

    /** One party of a request; outcome null while it has not answered. */
    public record PartyAnswer(String party, String categories, Instant askedAt, Instant answeredAt, String answeredBy,
                              Outcome outcome, String statement) {
    }

    private final ExternalPartyTasks tasks;

    ExternalPartyAnswers(ExternalPartyTasks tasks) {
        this.tasks = tasks;
    }

    /** The parties of a request and their answers, in the order they were asked. */
    public List<PartyAnswer> of(long requestId) {
        return tasks.answers(requestId);
    }
}
