package org.dsrflow.security.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.dsrflow.process.TaskCompletionCheck;

/**
 * Least privilege inside the engine, for every command a person sends (through Tasklist, the REST API or the
 * staff pages; the job executor and the application's own calls, which run without an authenticated user or
 * without authorization checks, are not people). Camunda's authorizations decide who may complete a task at
 * all (TASK_WORK for its candidate group), but a completion may also carry any variable, and TASK_WORK also
 * allows BPMN errors, escalations and comments. The {@link CommandRule}s narrow that, each with one job, in
 * this order (a refusal of an earlier one comes first: 403 before 400):
 * <ol>
 * <li>{@link SystemWorkersOnlyFetchAndExtendLocks} (a worker process's account), {@link NoBpmnErrorOrEscalation},
 *     {@link NoCommentsOrAttachments}, {@link ClaimForOneself},
 *     {@link FailedJobsOnlyRetry}, {@link VariablesOnlyIfReadable}, {@link NoStartInstructions};</li>
 * <li>what a completion or a start form carries: {@link CompletionCarriesItsFormOnly},
 *     {@link StartFormCarriesItsFieldsOnly}, then {@link ObjectTypesAllowed} (400), then
 *     {@link CompletionPassesItsChecks} (400).</li>
 * </ol>
 */
class TaskWorkGuard extends CommandInterceptor {

    private final List<CommandRule> rules;

    TaskWorkGuard(List<CommandRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The guard with dsr-flow's rules, in order. */
    static TaskWorkGuard withRules(List<TaskCompletionCheck> checks, ObjectMapper json) {
        return new TaskWorkGuard(List.of(new SystemWorkersOnlyFetchAndExtendLocks(), new NoBpmnErrorOrEscalation(),
                new NoCommentsOrAttachments(), new ClaimForOneself(),
                new FailedJobsOnlyRetry(), new VariablesOnlyIfReadable(), new NoStartInstructions(),
                new CompletionCarriesItsFormOnly(), new StartFormCarriesItsFieldsOnly(), new ObjectTypesAllowed(),
                new CompletionPassesItsChecks(checks, json)));
    }

    /** The rules, in the order they are applied. */
    List<CommandRule> rules() {
        return rules;
    }

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null && context.getAuthenticatedUserId() != null && context.isAuthorizationCheckEnabled()) {
            for (CommandRule rule : rules) {
                rule.check(command, context);
            }
        }
        return next.execute(command);
    }
}
