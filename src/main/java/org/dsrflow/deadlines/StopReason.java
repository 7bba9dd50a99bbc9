package org.dsrflow.deadlines;

/**
 * Why the organisation waits for the requester. Email confirmation and identity evidence always
 * stop the clock; a question (clarification) and an Art. 12(5) fee stop it where the site's rule
 * says so ({@link DeadlineService#stopsClock}).
 */
public enum StopReason {
    EMAIL_CONFIRMATION, IDENTITY_EVIDENCE, CLARIFICATION, FEE
}
