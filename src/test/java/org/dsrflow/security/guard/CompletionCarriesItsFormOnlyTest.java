package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A department's task of the request process (its form: {@code answer}). */
class CompletionCarriesItsFormOnlyTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final CompletionCarriesItsFormOnly rule = new CompletionCarriesItsFormOnly();

    @Test
    void aCompletionWithItsFormsVariablesPasses() {
        String task = bench.departmentTask();

        assertThatCode(() -> bench.check(rule, new CompleteTaskCmd(task, Map.of("answer", "{}")), "sam", "sales"))
                .doesNotThrowAnyException();
    }

    @Test
    void aCompletionWithAnotherVariableIsRefusedNamingIt() {
        String task = bench.departmentTask();

        assertThatThrownBy(() -> bench.check(rule, new CompleteTaskCmd(task, Map.of("answer", "{}", "reviewDecision", "approve")),
                "sam", "sales"))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("This task takes only its form's variables (answer); refused: reviewDecision");
    }

    @Test
    void aSubmittedFormWithAnotherVariableIsRefused() {
        String task = bench.departmentTask();

        assertThatThrownBy(() -> bench.check(rule, new SubmitTaskFormCmd(task, Map.of("returnTo", "sales"), false, false),
                "sam", "sales"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("refused: returnTo");
    }

    @Test
    void someoneWhoMayNotWorkOnTheTaskIsRefusedByTheEngineFirst() {
        String task = bench.departmentTask();

        assertThatThrownBy(() -> bench.checkWithAuthorizations(rule, new CompleteTaskCmd(task, Map.of("reviewDecision", "approve")),
                "mia", "marketing"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("TASK_WORK").hasMessageNotContaining("refused:");
    }

    @Test
    void aTaskOfAProcessWithoutFormsTakesNoVariables() {
        bench.deployWithTask("other-process", "some_task", "sales");
        String task = bench.startAndTask("other-process");

        assertThatThrownBy(() -> bench.check(rule, new CompleteTaskCmd(task, Map.of("answer", "{}")), "sam", "sales"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("This task takes only no variables");
    }

    @Test
    void aTaskThatDoesNotExistIsLeftToTheCommand() {
        assertThatCode(() -> bench.check(rule, new CompleteTaskCmd("no-such-task", Map.of("x", 1)), "sam", "sales"))
                .doesNotThrowAnyException();
    }
}
