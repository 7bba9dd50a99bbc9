package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.dsrflow.process.FormOutputs;

/**
 * A process that a person starts through its form starts at its start event: start instructions (start before
 * or after an activity) would skip the form's checks and the task that stores its values.
 */
final class NoStartInstructions implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl start = CommandFields.read(command, StartProcessInstanceAtActivitiesCmd.class,
                    "instantiationBuilder");
            if (FormOutputs.startsWithForm(DefinitionKeys.of(context, start))) {
                throw CommandRule.refused("This process starts at its start event with its form's fields only (no start instructions).");
            }
        }
    }
}
