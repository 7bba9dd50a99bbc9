package org.dsrflow.security.guard;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A task's completion (complete, or submit its form) carries only its form's variables
 * ({@code process/FormOutputs}): TASK_WORK lets a person complete the task, but would let the completion
 * carry any variable. Anything else is refused (403) and the process is unchanged.
 */
final class CompletionCarriesItsFormOnly implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        Submission submission = Submission.of(command, context).filter(Submission::completion).orElse(null);
        if (submission == null) {
            return;
        }
        // Who may work on the task at all is the engine's decision, and it comes first (403 before any 400).
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkTaskWork(submission.task());
        }
        Set<String> allowed = submission.allowed();
        Set<String> foreign = submission.foreign(allowed);
        if (!foreign.isEmpty()) {
            throw CommandRule.refused("This task takes only " + Submission.describe(allowed) + "; refused: "
                    + String.join(", ", foreign) + ". Nothing was changed.");
        }
    }
}
