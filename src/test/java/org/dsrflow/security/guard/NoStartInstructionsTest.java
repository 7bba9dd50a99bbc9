package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dsrflow.process.RegisterRequestProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NoStartInstructionsTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final NoStartInstructions rule = new NoStartInstructions();

    @Test
    void aProcessStartedByItsFormIsNotStartedAtAnActivity() {
        bench.deployWithTask(RegisterRequestProcess.KEY, "user_registration_receipt", "privacy");

        assertThatThrownBy(() -> bench.check(rule, atTask(RegisterRequestProcess.KEY, "user_registration_receipt"), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("no start instructions");
    }

    @Test
    void aProcessWithoutAStartFormIsNotThisRulesConcern() {
        bench.deployWithTask("other-process", "some_task", "privacy");

        assertThatCode(() -> bench.check(rule, atTask("other-process", "some_task"), "pia", "privacy")).doesNotThrowAnyException();
    }

    private StartProcessInstanceAtActivitiesCmd atTask(String key, String activity) {
        return new StartProcessInstanceAtActivitiesCmd((ProcessInstantiationBuilderImpl) engine.getRuntimeService()
                .createProcessInstanceByKey(key).startBeforeActivity(activity));
    }
}
