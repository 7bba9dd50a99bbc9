package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.junit.jupiter.api.Test;

class NoBpmnErrorOrEscalationTest {

    private final NoBpmnErrorOrEscalation rule = new NoBpmnErrorOrEscalation();

    @Test
    void aTaskEndedWithABpmnErrorIsRefused() {
        assertThatThrownBy(() -> rule.check(new HandleTaskBpmnErrorCmd("task-1", "DENIED"), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("never ended with a BPMN error");
    }

    @Test
    void aTaskEndedWithAnEscalationIsRefused() {
        assertThatThrownBy(() -> rule.check(new HandleTaskEscalationCmd("task-1", "LATE"), null))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("never ended with an escalation");
    }

    @Test
    void aCompletionPasses() {
        assertThatCode(() -> rule.check(new CompleteTaskCmd("task-1", Map.of()), null)).doesNotThrowAnyException();
    }
}
