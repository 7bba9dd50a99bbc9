package org.dsrflow.testsupport;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.process.DataSubjectRequestProcess;

/** Department tasks and the review of a request, worked through the engine's services as the forms would. */
public final class DepartmentWork {

    private final TaskService tasks;
    private final ManagementService management;

    public DepartmentWork(TaskService tasks, ManagementService management) {
        this.tasks = tasks;
        this.management = management;
    }

    public List<Task> tasks(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list();
    }

    public Task task(String reference, String department) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(department)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).singleResult();
    }

    public String department(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
    }

    /** The categories of the request that the task's department holds (what its form shows). */
    public List<?> categoriesHeld(Task task) {
        return (List<?>) tasks.getVariable(task.getId(), "departmentCategories");
    }

    /** Completes the task with this answer; the continuation after it runs as the job executor would. */
    public void complete(Task task, Map<String, Object> answer) {
        tasks.complete(task.getId(), Map.of("answer", answer));
        Jobs.executeDue(management);
    }

    /** Every department of the request found data: each category it holds answered with {@code data}. */
    public void completeAllFound(String reference, String data) {
        for (Task task : tasks(reference)) {
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("found", "yes");
            for (Object category : categoriesHeld(task)) {
                answer.put(String.valueOf(category), Map.of("data", data));
            }
            complete(task, answer);
        }
    }

    /** The privacy team approves; the answer is sent. */
    public void approve(String reference) {
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
        tasks.complete(review.getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
    }
}
