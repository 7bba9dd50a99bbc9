package org.dsrflow.notification;

import org.dsrflow.process.DataSubjectRequestProcess.ReviewDecisions;

/**
 * What the process knows that an email may need: the department of a department task, the privacy
 * reviewer's decision and reasons (refusal, partial refusal), what the identity check asks the
 * requester for, and whether the requester must still confirm the email address.
 */
public record EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                           boolean confirmationRequired) {

    public boolean partialRefusal() {
        return ReviewDecisions.PARTIAL.equals(reviewDecision);
    }
}
