package org.dsrflow.process;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * The engine's history of a request's process, read for the staff request page and its timeline: its tasks,
 * what people did with them, its activities. Read as the caller (nothing here lifts authorization checks).
 */
@Component
public class RequestHistory {

    private final HistoryService history;
    private final org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;

    RequestHistory(HistoryService history, org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine) {
        this.history = history;
        this.engine = engine;
    }

    /**
     * Whether the department task (or rework) with this id is finished and this user could have worked it (assignee,
     * or one of {@code groups} was a candidate group). Read as the application: departments hold no history permission,
     * and the answer only tells a user that a task of their own is done ("409, completed" instead of "404, unknown").
     */
    public boolean finishedDepartmentTaskOf(String taskId, String userId, List<String> groups) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId)
                    .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).finished().singleResult();
            return task != null && (userId.equals(task.getAssignee())
                    || candidateGroups(taskId).stream().anyMatch(groups::contains));
        }));
    }

    /** A finished department task (or rework): its id and the department (candidate group) that had it. */
    public record FinishedTask(String taskId, String department) {
    }

    /**
     * The finished department tasks (and reworks) of the request with this reference that this user could have worked
     * (as {@link #finishedDepartmentTaskOf}), oldest first. Read as the application, for the same reason: the caller
     * learns only of tasks that were their own.
     */
    public List<FinishedTask> finishedDepartmentTasksOf(String reference, String userId, List<String> groups) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
                history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
                        .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).finished()
                        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                        .map(task -> {
                            List<String> candidates = candidateGroups(task.getId());
                            boolean theirs = userId.equals(task.getAssignee()) || candidates.stream().anyMatch(groups::contains);
                            String department = candidates.stream().filter(groups::contains).findFirst()
                                    .orElse(candidates.isEmpty() ? null : candidates.get(0));
                            return theirs ? new FinishedTask(task.getId(), department) : null;
                        })
                        .filter(Objects::nonNull).toList()));
    }

    /** Whether a department task (or rework) with this id exists, open or done. Read as the application. */
    public boolean isDepartmentTask(String taskId) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
                history.createHistoricTaskInstanceQuery().taskId(taskId)
                        .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).count() > 0));
    }

    /** Whether the department had a task (or rework) of the request with this reference, open or done. */
    public boolean hadDepartmentTask(String reference, String department) {
        return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK)
                .taskHadCandidateGroup(department).count() > 0;
    }

    /** The process instance's tasks, open or done. */
    public List<HistoricTaskInstance> tasks(String processInstanceId) {
        return history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).list();
    }

    /** What people did in the process instance (claims, assignments, completions...), oldest first. */
    public List<UserOperationLogEntry> operations(String processInstanceId) {
        return history.createUserOperationLogQuery().processInstanceId(processInstanceId).orderByTimestamp().asc().list();
    }

    /** The process instance's activities, in the order they started. */
    public List<HistoricActivityInstance> activities(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
    }

    /** The candidate groups a task had, each once. */
    public List<String> candidateGroups(String taskId) {
        return history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.CANDIDATE)
                .list().stream().map(HistoricIdentityLinkLog::getGroupId).filter(Objects::nonNull).distinct().toList();
    }
}
