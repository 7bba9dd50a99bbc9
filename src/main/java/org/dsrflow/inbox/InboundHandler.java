package org.dsrflow.inbox;

/**
 * What is done with a new message from a mailbox: the reader offers each message, once recorded, to the handlers in
 * {@link #order()} until one takes it, all in the transaction that recorded it. The new-message task
 * ({@code NewMessageHandler}) comes last and takes every message; bounces, auto-replies and replies to dsr-flow's own
 * emails are handlers before it.
 */
public interface InboundHandler {

    /** Lower first; the new-message task is {@link Integer#MAX_VALUE}. */
    int order();

    /** Handles the message and returns true, or returns false and leaves it to the next handler. Never logs its content. */
    boolean handle(InboundMessage message);
}
