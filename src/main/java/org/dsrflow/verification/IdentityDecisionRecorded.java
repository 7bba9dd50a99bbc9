package org.dsrflow.verification;

/**
 * The privacy team recorded an identity check's outcome (VERIFIED, NOT_VERIFIED or NEED_MORE) for a request: published
 * in the task completion's transaction, so what listens to it (the requester's identity evidence, deleted now) commits
 * or rolls back with the check.
 */
public record IdentityDecisionRecorded(long requestId, String outcome) {
}
