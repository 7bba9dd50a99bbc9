package org.dsrflow.security.guard;

import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;

/**
 * Retrying a failed external task (a system search or action that used up its retries: Cockpit's incident button
 * "Increment number of retries") is what RETRY_JOB allows for a failed job: whoever may retry the process's failed jobs
 * (the privacy team) may retry its failed external tasks. Camunda itself asks UPDATE_INSTANCE for it, which would also
 * let them correlate messages, signal, modify or suspend instances and set variables, and which dsr-flow gives no person.
 * So only this change — a task with no retries left given one or more — runs with RETRY_JOB on the task's process
 * definition in place of the engine's own check; everything else about external tasks is checked by the engine as before.
 */
final class FailedExternalTaskRetry extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (command instanceof SetExternalTaskRetriesCmd && context != null && context.getAuthenticatedUserId() != null
                && context.isAuthorizationCheckEnabled() && retriesAFailedTaskWithRetryJob(command, context)) {
            return context.runWithoutAuthorization(() -> next.execute(command));
        }
        return next.execute(command);
    }

    static boolean retriesAFailedTaskWithRetryJob(Command<?> command, CommandContext context) {
        int retries = CommandFields.read(command, SetExternalTaskRetriesCmd.class, "retries");
        String taskId = CommandFields.read(command, ExternalTaskCmd.class, "externalTaskId");
        if (retries < 1 || taskId == null) {
            return false;
        }
        ExternalTaskEntity task = context.runWithoutAuthorization(() -> context.getExternalTaskManager().findExternalTaskById(taskId));
        return task != null && task.getRetries() != null && task.getRetries() == 0 && task.getProcessDefinitionKey() != null
                && context.getAuthorizationManager().isAuthorized(ProcessDefinitionPermissions.RETRY_JOB,
                Resources.PROCESS_DEFINITION, task.getProcessDefinitionKey());
    }
}
