package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dsrflow.process.RegisterRequestProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registration's start form (register-request), submitted in Tasklist or started through the REST API. */
class StartFormCarriesItsFieldsOnlyTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final StartFormCarriesItsFieldsOnly rule = new StartFormCarriesItsFieldsOnly();

    @Test
    void aStartFormWithItsFieldsPasses() {
        String definition = bench.registration();
        Map<String, Object> fields = Map.of(RegisterRequestProcess.Fields.NAME.name(), "Eva", RegisterRequestProcess.Fields.CHANNEL.name(), "post");

        assertThatCode(() -> bench.check(rule, new SubmitStartFormCmd(definition, null, fields), "pia", "privacy"))
                .doesNotThrowAnyException();
    }

    @Test
    void aStartFormWithAnotherVariableIsRefusedNamingIt() {
        String definition = bench.registration();
        Map<String, Object> fields = Map.of(RegisterRequestProcess.Fields.NAME.name(), "Eva", "requestId", 7);

        assertThatThrownBy(() -> bench.check(rule, new SubmitStartFormCmd(definition, null, fields), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("This form takes only").hasMessageContaining("refused: requestId");
    }

    @Test
    void aStartThroughTheApiWithAnotherVariableIsRefused() {
        bench.registration();
        ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) engine.getRuntimeService()
                .createProcessInstanceByKey(RegisterRequestProcess.KEY).setVariable("requestId", 7);

        assertThatThrownBy(() -> bench.check(rule, new StartProcessInstanceCmd(start), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("refused: requestId");
    }

    @Test
    void aProcessWithoutAStartFormIsNotThisRulesConcern() {
        bench.deployWithTask("other-process", "some_task", "privacy");
        ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) engine.getRuntimeService()
                .createProcessInstanceByKey("other-process").setVariable("requestId", 7);

        assertThatCode(() -> bench.check(rule, new StartProcessInstanceCmd(start), "pia", "privacy")).doesNotThrowAnyException();
    }
}
