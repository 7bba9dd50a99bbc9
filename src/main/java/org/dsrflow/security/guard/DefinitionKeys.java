package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/** The key of the process definition a command names, as deployed (not as the caller spelled it). */
final class DefinitionKeys {

    private DefinitionKeys() {
    }

    /** The key of the definition a start names, by id or by key (its latest version); null when none is deployed. */
    static String of(CommandContext context, ProcessInstantiationBuilderImpl start) {
        if (start.getProcessDefinitionId() != null) {
            return of(context, start.getProcessDefinitionId());
        }
        ProcessDefinitionEntity latest = start.getProcessDefinitionKey() == null ? null : context.getProcessEngineConfiguration()
                .getDeploymentCache().findDeployedLatestProcessDefinitionByKey(start.getProcessDefinitionKey());
        return latest == null ? null : latest.getKey();
    }

    static String of(CommandContext context, String processDefinitionId) {
        return processDefinitionId == null ? null : context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId).getKey();
    }
}
