package org.dsrflow.deadlines;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An extension decided after the first-month due date (or without reasons). A bad user request, so
 * that Tasklist and the REST API show the message instead of failing with a server error.
 */
public class ExtensionNotAllowedException extends BadUserRequestException {

    public ExtensionNotAllowedException(String message) {
        super(message);
    }
}
