package org.dsrflow.security.guard;

import java.util.List;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableOrderProperty;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.query.Query;

/**
 * A query, or a saved filter run with an extending query, that filters or sorts by variables needs the
 * permission to read them ({@link VariableReading}): otherwise a manager could learn a value by asking whether
 * a request "has reviewComment like 'A%'". The OR branches count: the engine applies every branch's
 * conditions in SQL.
 */
final class VariablesOnlyIfReadable implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (command instanceof AbstractQuery<?, ?> query) {
            readable(context, query);
        }
        if (command instanceof AbstractExecuteFilterCmd) {
            Query<?, ?> extending = CommandFields.read(command, AbstractExecuteFilterCmd.class, "extendingQuery");
            if (extending instanceof AbstractQuery<?, ?> query) {
                readable(context, query);
            }
        }
    }

    private static void readable(CommandContext context, AbstractQuery<?, ?> query) {
        if (!byVariables(query)) {
            return;
        }
        boolean readsVariables = VariableReading.allowed((permission, resource, resourceId) -> context.getAuthorizationManager()
                .isAuthorized(context.getAuthenticatedUserId(), context.getAuthenticatedGroupIds(), permission, resource, resourceId));
        if (!readsVariables) {
            throw CommandRule.refused("Filtering or sorting by variables needs the permission to read them.");
        }
    }

    /** Whether the query, or any of its OR branches, filters or sorts by variables. */
    static boolean byVariables(AbstractQuery<?, ?> query) {
        List<QueryOrderingProperty> ordering = query.getOrderingProperties();
        if (ordering != null && ordering.stream().anyMatch(VariableOrderProperty.class::isInstance)) {
            return true;
        }
        return branches(query).stream().anyMatch(VariablesOnlyIfReadable::hasVariableConditions);
    }

    /** The query and its OR branches; Camunda lists the query itself as the first "branch". */
    private static List<? extends AbstractQuery<?, ?>> branches(AbstractQuery<?, ?> query) {
        if (query instanceof TaskQueryImpl task) {
            return task.getQueries();
        }
        if (query instanceof ProcessInstanceQueryImpl instances) {
            return instances.getQueries();
        }
        if (query instanceof HistoricProcessInstanceQueryImpl historic) {
            return historic.getQueries();
        }
        if (query instanceof HistoricTaskInstanceQueryImpl historic) {
            return historic.getQueries();
        }
        return List.of(query);
    }

    private static boolean hasVariableConditions(AbstractQuery<?, ?> query) {
        if (query instanceof TaskQueryImpl task) {
            return !task.getVariables().isEmpty();
        }
        if (query instanceof HistoricTaskInstanceQueryImpl historic) {
            return !historic.getVariables().isEmpty();
        }
        return query instanceof AbstractVariableQueryImpl<?, ?> variables && !variables.getQueryVariableValues().isEmpty();
    }
}
