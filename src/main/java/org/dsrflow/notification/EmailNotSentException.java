package org.dsrflow.notification;

/**
 * An email the SMTP server did not take. Thrown out of the send task so the job is retried; when
 * the retries run out its message (request reference and kind, no address) is the Cockpit incident.
 */
public class EmailNotSentException extends RuntimeException {

    public EmailNotSentException(String message) {
        super(message);
    }
}
