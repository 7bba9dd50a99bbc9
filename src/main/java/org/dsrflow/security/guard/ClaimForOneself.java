package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** A task is claimed for oneself only: a claim for someone else would hand them the task and its variables. */
final class ClaimForOneself implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (command instanceof ClaimTaskCmd) {
            String claimant = CommandFields.read(command, ClaimTaskCmd.class, "userId");
            if (claimant != null && !claimant.equals(context.getAuthenticatedUserId())) {
                throw CommandRule.refused("A task is claimed by the person who works on it, not for someone else.");
            }
        }
    }
}
