package org.dsrflow.notification;

import org.dsrflow.process.DataSubjectRequestProcess.ReviewDecisions;

/**
 * What the process knows that an email may need: the department of a department task, the privacy
 * reviewer's decision and reasons (refusal, partial refusal), what the identity check asks the
 * requester for, whether the requester must still confirm the email address, and the processor or
 * recipient an Art. 19 email goes to (its register id); {@code refusalReason}: the id of the register's standard
 * reason picked for a refusal or partial refusal, whose text precedes {@code reviewComment}.
 */
public record EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                           boolean confirmationRequired, String externalParty, String refusalReason) {


    public EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                        boolean confirmationRequired) {
        this(department, reviewDecision, reviewComment, identityRequest, confirmationRequired, null, null);
    }

    public boolean partialRefusal() {
        return ReviewDecisions.PARTIAL.equals(reviewDecision);
    }
}
