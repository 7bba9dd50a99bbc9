package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A manager (no permission to read variables) and the privacy team (READ_INSTANCE_VARIABLE on every definition). */
class VariablesOnlyIfReadableTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final VariablesOnlyIfReadable rule = new VariablesOnlyIfReadable();
    private String readsVariables;

    @AfterEach
    void removeAuthorization() {
        if (readsVariables != null) {
            engine.getAuthorizationService().deleteAuthorization(readsVariables);
        }
    }

    @Test
    void aTaskQueryByAVariableIsRefusedToAManager() {
        assertRefusedToAManager(engine.getTaskService().createTaskQuery().processVariableValueLike("reviewComment", "A%"));
    }

    @Test
    void aTaskQueryByAVariableInAnOrBranchIsRefusedToAManager() {
        assertRefusedToAManager(engine.getTaskService().createTaskQuery().taskCandidateGroup("managers")
                .or().taskName("x").processVariableValueLike("reviewComment", "A%").endOr());
    }

    @Test
    void aTaskQuerySortedByAVariableIsRefusedToAManager() {
        assertRefusedToAManager(engine.getTaskService().createTaskQuery().orderByProcessVariable("reviewComment", ValueType.STRING).asc());
    }

    @Test
    void anInstanceQueryByAVariableInAnOrBranchIsRefusedToAManager() {
        assertRefusedToAManager(engine.getRuntimeService().createProcessInstanceQuery()
                .or().processDefinitionKey("x").variableValueLike("reviewComment", "A%").endOr());
    }

    @Test
    void aHistoricInstanceQueryByAVariableIsRefusedToAManager() {
        assertRefusedToAManager(engine.getHistoryService().createHistoricProcessInstanceQuery().variableValueLike("reviewComment", "A%"));
    }

    @Test
    void aHistoricTaskQueryByAVariableIsRefusedToAManager() {
        assertRefusedToAManager(engine.getHistoryService().createHistoricTaskInstanceQuery().processVariableValueEquals("reviewComment", "A"));
    }

    @Test
    void aSavedFilterRunWithAnExtendingQueryByAVariableIsRefusedToAManager() {
        ExecuteFilterListCmd run = new ExecuteFilterListCmd("filter-1",
                engine.getTaskService().createTaskQuery().processVariableValueLike("reviewComment", "A%"));
        assertThatThrownBy(() -> bench.checkWithAuthorizations(rule, run, "max", "managers"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("needs the permission to read them");
    }

    @Test
    void aQueryWithoutVariablesPassesForAManager() {
        AbstractQuery<?, ?> query = (AbstractQuery<?, ?>) engine.getTaskService().createTaskQuery().taskCandidateGroup("managers")
                .or().taskName("x").taskAssignee("max").endOr();
        assertThatCode(() -> bench.checkWithAuthorizations(rule, query, "max", "managers")).doesNotThrowAnyException();
    }

    @Test
    void aQueryByAVariablePassesForWhoeverReadsVariables() {
        Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("privacy");
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(Authorization.ANY);
        grant.addPermission(ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
        readsVariables = engine.getAuthorizationService().saveAuthorization(grant).getId();
        AbstractQuery<?, ?> query = (AbstractQuery<?, ?>) engine.getTaskService().createTaskQuery()
                .processVariableValueLike("reviewComment", "A%");

        assertThatCode(() -> bench.checkWithAuthorizations(rule, query, "pia", "privacy")).doesNotThrowAnyException();
    }

    private void assertRefusedToAManager(Object query) {
        assertThatThrownBy(() -> bench.checkWithAuthorizations(rule, (AbstractQuery<?, ?>) query, "max", "managers"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("needs the permission to read them");
    }
}
