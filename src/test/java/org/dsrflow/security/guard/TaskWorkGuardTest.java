package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskWorkGuardTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final List<String> applied = new ArrayList<>();
    private final Command<String> command = context -> "ran";

    @Test
    void aPersonsCommandPassesEveryRuleInOrderBeforeItRuns() {
        TaskWorkGuard guard = guard(rule("first", false), rule("second", false));

        String result = bench.inCommand(context -> guard.execute(command), true, "sam", "sales");

        assertThat(applied).containsExactly("first", "second", "ran");
        assertThat(result).isEqualTo("ran");
    }

    @Test
    void aRefusalStopsTheCommandAndTheRulesAfterIt() {
        TaskWorkGuard guard = guard(rule("first", true), rule("second", false));

        assertThatThrownBy(() -> bench.inCommand(context -> guard.execute(command), true, "sam", "sales"))
                .isInstanceOf(AuthorizationException.class).hasMessage("first refuses");
        assertThat(applied).containsExactly("first");
    }

    @Test
    void theApplicationsOwnCommandsAreNotAPersonsAndPassUnchecked() {
        TaskWorkGuard guard = guard(rule("first", true));

        String result = bench.inCommand(context -> guard.execute(command), true, null);

        assertThat(result).isEqualTo("ran");
        assertThat(applied).containsExactly("ran");
    }

    @Test
    void commandsWithTheAuthorizationCheckSwitchedOffPassUnchecked() {
        TaskWorkGuard guard = guard(rule("first", true));

        // As the application's own calls on a person's behalf run (process/RequestProcessAdapter).
        String result = bench.inCommand(context -> {
            context.disableAuthorizationCheck();
            return guard.execute(command);
        }, true, "sam", "sales");

        assertThat(result).isEqualTo("ran");
    }

    @Test
    void dsrFlowsGuardHasItsRulesInTheirOrder() {
        List<Class<?>> rules = TaskWorkGuard.withRules(List.of(), null).rules().stream().<Class<?>>map(Object::getClass).toList();

        assertThat(rules).containsExactly(SystemWorkersOnlyFetchAndExtendLocks.class, NoBpmnErrorOrEscalation.class, NoCommentsOrAttachments.class, ClaimForOneself.class,
                FailedJobsOnlyRetry.class, VariablesOnlyIfReadable.class, NoStartInstructions.class,
                CompletionCarriesItsFormOnly.class, StartFormCarriesItsFieldsOnly.class, ObjectTypesAllowed.class,
                CompletionPassesItsChecks.class);
    }

    private TaskWorkGuard guard(CommandRule... rules) {
        TaskWorkGuard guard = new TaskWorkGuard(List.of(rules));
        guard.setNext(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> next) {
                applied.add("ran");
                return next.execute(null);
            }
        });
        return guard;
    }

    private CommandRule rule(String name, boolean refuses) {
        return (command, context) -> {
            applied.add(name);
            if (refuses) {
                throw CommandRule.refused(name + " refuses");
            }
        };
    }
}
