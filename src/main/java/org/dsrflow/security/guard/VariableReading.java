package org.dsrflow.security.guard;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Who may filter or sort by variables: whoever may read the variables of every process definition
 * (the privacy team, administrators). A filter is a way of reading (a manager who may not read a review
 * comment must not learn it by asking which requests "have reviewComment like 'A%'"), so it needs the
 * same permission, on all definitions, since a query's conditions may reach any of them.
 */
final class VariableReading {

    private VariableReading() {
    }

    /** The one authorization check, asked through the engine (inside a command) or the authorization service. */
    interface Check {
        boolean isAuthorized(Permission permission, Resource resource, String resourceId);
    }

    static boolean allowed(Check check) {
        return check.isAuthorized(ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, Resources.PROCESS_DEFINITION,
                Authorization.ANY);
    }
}
