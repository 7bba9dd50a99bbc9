package org.dsrflow.process;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * The open tasks of the request process as the engine holds them, read for the staff request page and the SLA
 * figures. Read as the caller: unlike {@link RequestProcessAdapter}'s changes, nothing here lifts the engine's
 * authorization checks.
 */
@Component
public class RequestTasks {

    /** A department's open tasks: how many, when the oldest was created (null: none), how many are past their due date. */
    public record Load(long open, Instant oldestCreated, long overdue) {
    }

    private final TaskService tasks;

    RequestTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    /** The department's open task (or rework) of the request with this reference, if it has one. */
    public Optional<Task> openDepartmentTask(String reference, String department) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK)
                .taskCandidateGroup(department).includeAssignedTasks().list().stream().findFirst();
    }

    /**
     * The open department task (or rework) with this id if this user may work it: one of {@code groups} is its candidate
     * group, or the user is its assignee. Read as the caller (the engine's task authorizations apply too).
     */
    public Optional<Task> workableDepartmentTask(String taskId, String userId, List<String> groups) {
        Optional<Task> asCandidate = groups.isEmpty() ? Optional.empty()
                : tasks.createTaskQuery().taskId(taskId).taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK)
                        .taskCandidateGroupIn(groups).includeAssignedTasks().list().stream().findFirst();
        return asCandidate.or(() -> tasks.createTaskQuery().taskId(taskId)
                .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).taskAssignee(userId)
                .list().stream().findFirst());
    }

    /**
     * The open department tasks (and reworks) of the request with this reference that this user may work: one of
     * {@code groups} is the candidate group, or the user is the assignee; oldest first. Read as the caller.
     */
    public List<Task> workableDepartmentTasks(String reference, String userId, List<String> groups) {
        List<Task> asCandidate = groups.isEmpty() ? List.of()
                : tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKeyIn(Elements.DEPARTMENT_TASK,
                        Elements.DEPARTMENT_REWORK).taskCandidateGroupIn(groups).includeAssignedTasks().orderByTaskCreateTime().asc().list();
        List<Task> assigned = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).taskAssignee(userId).list();
        List<Task> all = new java.util.ArrayList<>(asCandidate);
        assigned.stream().filter(task -> all.stream().noneMatch(known -> known.getId().equals(task.getId()))).forEach(all::add);
        return all;
    }

    /** The departments (candidate groups) with an open task or rework of the request, each once. */
    public List<String> departmentsWithOpenTasks(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKeyIn(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK).list().stream()
                .flatMap(task -> tasks.getIdentityLinksForTask(task.getId()).stream())
                .map(link -> link.getGroupId()).filter(Objects::nonNull).distinct().toList();
    }

    /** The open tasks of a candidate group (claimed or not), at {@code now}. */
    public Load load(String group, Date now) {
        long open = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count();
        List<Task> oldest = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
                .orderByTaskCreateTime().asc().listPage(0, 1);
        long overdue = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().dueBefore(now).count();
        return new Load(open, oldest.isEmpty() ? null : oldest.get(0).getCreateTime().toInstant(), overdue);
    }
}
