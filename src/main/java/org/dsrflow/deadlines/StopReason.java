package org.dsrflow.deadlines;

/** Why the organisation waits for the requester. */
public enum StopReason {
    EMAIL_CONFIRMATION, IDENTITY_EVIDENCE, CLARIFICATION
}
