package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClaimForOneselfTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final ClaimForOneself rule = new ClaimForOneself();

    @Test
    void aClaimForOneselfPasses() {
        assertThatCode(() -> bench.check(rule, new ClaimTaskCmd("task-1", "anna"), "anna", "sales")).doesNotThrowAnyException();
    }

    @Test
    void aClaimForSomeoneElseIsRefused() {
        assertThatThrownBy(() -> bench.check(rule, new ClaimTaskCmd("task-1", "bert"), "anna", "sales"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("not for someone else");
    }

    @Test
    void givingUpAClaimPasses() {
        assertThatCode(() -> bench.check(rule, new ClaimTaskCmd("task-1", null), "anna", "sales")).doesNotThrowAnyException();
    }
}
