package org.dsrflow.deadlines;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * An extension decided after the first-month due date, or without reasons. A form validation
 * error, so that Tasklist and the REST API's submit-form answer 400 with this message.
 */
public class ExtensionNotAllowedException extends FormFieldValidationException {

    public ExtensionNotAllowedException(String message) {
        super("extend", message);
    }
}
