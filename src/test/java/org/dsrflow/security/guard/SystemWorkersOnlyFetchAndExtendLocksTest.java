package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExtendLockOnExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SystemWorkersOnlyFetchAndExtendLocksTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private static final String WORKER = "warehouse";
    private static final String GROUP = "system-workers";

    private final GuardBench bench = new GuardBench(engine);
    private final SystemWorkersOnlyFetchAndExtendLocks rule = new SystemWorkersOnlyFetchAndExtendLocks();

    @Test
    void fetchingSystemTasksUnderItsOwnIdWithOnlyTheRunsIdPasses() {
        assertThatCode(() -> bench.check(rule, fetch(WORKER, List.of("systemRun"), "dsr-system-sql", "dsr-system-http-warehouse"), WORKER, GROUP))
                .doesNotThrowAnyException();
    }

    @Test
    void fetchingWithoutAListOfVariablesWhichWouldHandOutEveryVariableIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, fetch(WORKER, null, "dsr-system-sql"), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("fetches the variable systemRun only");
    }

    @Test
    void fetchingAnotherVariableIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, fetch(WORKER, List.of("systemRun", "reviewComment"), "dsr-system-sql"), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("fetches the variable systemRun only");
    }

    @Test
    void fetchingUnderAnotherWorkersIdIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, fetch("dsr-flow", List.of("systemRun"), "dsr-system-sql"), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("under its own user id (warehouse)");
    }

    @Test
    void fetchingAnotherTopicIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, fetch(WORKER, List.of("systemRun"), "send-invoice"), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("not topic send-invoice");
    }

    @Test
    void filteringByAVariableIsRefused() {
        FetchExternalTasksCmd fetch = fetch(WORKER, List.of("systemRun"), "dsr-system-sql");
        Map<String, TopicFetchInstruction> instructions = CommandFields.read(fetch, FetchExternalTasksCmd.class, "fetchInstructions");
        instructions.get("dsr-system-sql").addFilterVariable("reviewComment", "refuse");

        assertThatThrownBy(() -> bench.check(rule, fetch, WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("does not filter");
    }

    @Test
    void extendingItsOwnLockPassesAndAnothersIsRefused() {
        assertThatCode(() -> bench.check(rule, new ExtendLockOnExternalTaskCmd("task", WORKER, 60_000), WORKER, GROUP))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> bench.check(rule, new ExtendLockOnExternalTaskCmd("task", "dsr-flow", 60_000), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class);
    }

    /** Completing in the engine would skip the recording of the outcome, and could carry any variables. */
    @Test
    void completingATaskOrAnythingElseInTheEngineIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, new CompleteExternalTaskCmd("task", WORKER, Map.of("requestId", 1L), null), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("reports through /api/staff/systems/tasks/{id}");
        assertThatThrownBy(() -> bench.check(rule, new SetExecutionVariablesCmd("execution", Map.of("type", "ACCESS"), false), WORKER, GROUP))
                .isInstanceOf(AuthorizationException.class);
    }

    /** The staff API's own work for the worker (recording, completing) runs as the application, in dsr-flow's commands. */
    @Test
    void dsrFlowsOwnCommandsForTheWorkerPass() {
        Command<Void> own = context -> null;

        assertThatCode(() -> bench.check(rule, own, WORKER, GROUP)).doesNotThrowAnyException();
    }

    @Test
    void otherStaffAndAdministratorsAreNotConcerned() {
        assertThatCode(() -> bench.check(rule, new CompleteExternalTaskCmd("task", "x", Map.of(), null), "pia", "privacy"))
                .doesNotThrowAnyException();
        assertThatCode(() -> bench.check(rule, new CompleteExternalTaskCmd("task", "x", Map.of(), null), "ops", GROUP, "camunda-admin"))
                .doesNotThrowAnyException();
    }

    private static FetchExternalTasksCmd fetch(String workerId, List<String> variables, String... topics) {
        Map<String, TopicFetchInstruction> instructions = new LinkedHashMap<>();
        for (String topic : topics) {
            TopicFetchInstruction instruction = new TopicFetchInstruction(topic, 60_000);
            instruction.setVariablesToFetch(variables);
            instructions.put(topic, instruction);
        }
        return new FetchExternalTasksCmd(workerId, 1, instructions);
    }
}
