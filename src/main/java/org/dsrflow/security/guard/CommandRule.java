package org.dsrflow.security.guard;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * One rule of least privilege inside the engine, applied by {@link TaskWorkGuard} to every command a person
 * sends. A rule that the command breaks refuses it by throwing, before the engine runs it: 403 ({@link
 * AuthorizationException}) for what the person may not do, 400 (a form validation error) for what is incomplete.
 */
interface CommandRule {

    /** Throws when {@code command} breaks this rule; commands the rule is not about pass. */
    void check(Command<?> command, CommandContext context);

    /** A refusal: 403, the one answer every REST resource passes through unchanged. */
    static AuthorizationException refused(String message) {
        return new AuthorizationException(message);
    }
}
