package org.dsrflow.security.guard;

import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A process started through its form (the registration in Tasklist, lifting a restriction), by the form or by
 * the REST API, carries only the form's fields: anything else is refused (403) and nothing starts.
 */
final class StartFormCarriesItsFieldsOnly implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        Submission submission = Submission.of(command, context).filter(start -> !start.completion()).orElse(null);
        if (submission == null) {
            return;
        }
        Set<String> allowed = submission.allowed();
        Set<String> foreign = submission.foreign(allowed);
        if (!foreign.isEmpty()) {
            throw CommandRule.refused("This form takes only " + Submission.describe(allowed) + "; refused: "
                    + String.join(", ", foreign) + ". Nothing was changed.");
        }
    }
}
