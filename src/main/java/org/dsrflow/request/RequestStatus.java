package org.dsrflow.request;

/** Where a request stands, as the requester and staff see it. */
public enum RequestStatus {
    AWAITING_CONFIRMATION(false),
    /** The email address is confirmed (or the request was registered by staff); the privacy team checks identity by hand. */
    CHECKING_IDENTITY(false),
    IN_PROGRESS(false),
    IN_REVIEW(false),
    WAITING_FOR_REQUESTER(false),
    /** Art. 12(5): the requester has been told of a fee; the request is handled once it is paid. */
    WAITING_FOR_FEE(false),
    ANSWERED(true),
    REFUSED(true),
    CLOSED_UNCONFIRMED(true),
    CLOSED_NO_REPLY(true),
    /** Closed because the fee was not paid in time (or the requester chose not to pay); nothing is owed. */
    CLOSED_FEE_UNPAID(true);

    private final boolean closed;

    RequestStatus(boolean closed) {
        this.closed = closed;
    }

    public boolean isClosed() {
        return closed;
    }
}
