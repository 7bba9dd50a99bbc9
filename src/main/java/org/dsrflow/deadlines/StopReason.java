package org.dsrflow.deadlines;

/**
 * Why the organisation waits for the requester. Email confirmation and identity evidence always
 * stop the clock; a question (clarification) and an Art. 12(5) fee stop it where the site's rule
 * says so ({@link DeadlineService#stopsClock}).
 */
public enum StopReason {
    EMAIL_CONFIRMATION, IDENTITY_EVIDENCE,
    /**
     * A question about the request. Where the clock stops for it, the wait is a pause even at a site
     * whose month restarts after a stop: in the UK the days from asking to the answer "do not count"
     * for an access request (UK GDPR Art. 12A, inserted by the Data (Use and Access) Act 2025 s.76),
     * while identity and fee restart it.
     */
    CLARIFICATION,
    FEE;

    /** Whether this wait counts as a pause (its days added) also where the site restarts the month. */
    public boolean pauses() {
        return this == CLARIFICATION;
    }
}
