package org.dsrflow.notification;

/** An email ready to send: subject, HTML and plain-text bodies. */
public record RenderedEmail(String subject, String html, String text) {
}
