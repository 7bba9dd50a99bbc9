package org.dsrflow.notification;

/**
 * What the process knows that an email may need: the department of a department task, the privacy
 * reviewer's reasons for a refusal, and whether the requester must still confirm the email address.
 */
public record EmailContext(String department, String reviewComment, boolean confirmationRequired) {
}
