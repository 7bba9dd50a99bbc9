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
                           boolean confirmationRequired, String externalParty, String refusalReason,
                           OtherController otherController) {

    /**
     * The organisation a portability package is sent to (Art. 20(2)): the transmission's id, and the name and address the
     * requester gave. Not in the register: the address is checked as an address and the requester proved their mailbox.
     */
    public record OtherController(long transmissionId, String name, String address) {
    }

    public EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                        boolean confirmationRequired, String externalParty, String refusalReason) {
        this(department, reviewDecision, reviewComment, identityRequest, confirmationRequired, externalParty, refusalReason, null);
    }

    /** An email about a transmission to another controller: to it, or the requester's confirmation. */
    public static EmailContext transmission(OtherController to) {
        return new EmailContext(null, null, null, null, false, null, null, to);
    }


    public EmailContext(String department, String reviewDecision, String reviewComment, String identityRequest,
                        boolean confirmationRequired) {
        this(department, reviewDecision, reviewComment, identityRequest, confirmationRequired, null, null);
    }

    public boolean partialRefusal() {
        return ReviewDecisions.PARTIAL.equals(reviewDecision);
    }
}
