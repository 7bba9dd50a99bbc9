package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.TaskCompletionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CompletionPassesItsChecksTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private static final String DEPARTMENT_TASK = DataSubjectRequestProcess.Elements.DEPARTMENT_TASK;

    private final GuardBench bench = new GuardBench(engine);
    /** What the check saw of the answer: as JSON text, and as text. */
    private final List<String> seen = new ArrayList<>();

    @Test
    void aCompletionThatFailsItsTasksCheckIsA400SayingWhatIsMissing() {
        String task = bench.departmentTask();
        CompletionPassesItsChecks rule = rule(check(DEPARTMENT_TASK, "the answer names no category", "no retention reason"));

        assertThatThrownBy(() -> bench.check(rule, new CompleteTaskCmd(task, Map.of("answer", "{}")), "sam", "sales"))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessage("The answer is incomplete: the answer names no category; no retention reason");
    }

    @Test
    void theChecksOfOtherTasksAreNotAsked() {
        String task = bench.departmentTask();
        CompletionPassesItsChecks rule = rule(check(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW, "no decision"));

        assertThatCode(() -> bench.check(rule, new CompleteTaskCmd(task, Map.of("answer", "{}")), "sam", "sales"))
                .doesNotThrowAnyException();
        assertThat(seen).isEmpty();
    }

    @Test
    void theCheckReadsASubmittedMapAsJson() {
        String task = bench.departmentTask();

        bench.check(rule(check(DEPARTMENT_TASK)), new CompleteTaskCmd(task, Map.of("answer", Map.of("holds", true))), "sam", "sales");

        assertThat(seen).containsExactly("{\"holds\":true}", "{holds=true}");
    }

    @Test
    void theCheckReadsWhatTheTaskHoldsWhenTheValueIsNotSubmitted() {
        String task = bench.departmentTask();
        engine.getTaskService().setVariable(task, "answer", "{\"holds\":false}");

        bench.check(rule(check(DEPARTMENT_TASK)), new CompleteTaskCmd(task, Map.of()), "sam", "sales");

        assertThat(seen).containsExactly("{\"holds\":false}", "{\"holds\":false}");
    }

    private CompletionPassesItsChecks rule(TaskCompletionCheck check) {
        return new CompletionPassesItsChecks(List.of(check), new ObjectMapper());
    }

    /** A check of {@code taskKey} that records the answer it saw and finds {@code problems}. */
    private TaskCompletionCheck check(String taskKey, String... problems) {
        return new TaskCompletionCheck() {
            @Override
            public Set<String> taskKeys() {
                return Set.of(taskKey);
            }

            @Override
            public List<String> problems(DelegateTask task, SubmittedValues submitted) {
                seen.add(submitted.json("answer"));
                seen.add(submitted.text("answer"));
                return List.of(problems);
            }
        };
    }
}
