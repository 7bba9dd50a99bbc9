package org.dsrflow.request;

/** Where a request stands, as the requester and staff see it. */
public enum RequestStatus {
    AWAITING_CONFIRMATION(false),
    /** The email address is confirmed (or the request was registered by staff); the privacy team checks identity by hand. */
    CHECKING_IDENTITY(false),
    IN_PROGRESS(false),
    IN_REVIEW(false),
    WAITING_FOR_REQUESTER(false),
    ANSWERED(true),
    REFUSED(true),
    CLOSED_UNCONFIRMED(true),
    CLOSED_NO_REPLY(true);

    private final boolean closed;

    RequestStatus(boolean closed) {
        this.closed = closed;
    }

    public boolean isClosed() {
        return closed;
    }
}
