package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Nobody ends a task with a BPMN error or an escalation: TASK_WORK allows both, but dsr-flow's processes model
 * no such paths, so a task ends only with its answer.
 */
final class NoBpmnErrorOrEscalation implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (command instanceof HandleTaskBpmnErrorCmd) {
            throw CommandRule.refused("A task is never ended with a BPMN error: complete it with its answer.");
        }
        if (command instanceof HandleTaskEscalationCmd) {
            throw CommandRule.refused("A task is never ended with an escalation: complete it with its answer.");
        }
    }
}
