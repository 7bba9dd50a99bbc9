package org.dsrflow.notification;

/**
 * What the process knows that an email may need: the department of a department task, the privacy
 * reviewer's decision and reasons (refusal, partial refusal), what the identity check asks the
 * requester for, and whether the requester must still confirm the email address.
 */
public record EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                           boolean confirmationRequired) {

    public boolean partialRefusal() {
        return "partial".equals(reviewDecision);
    }
}
