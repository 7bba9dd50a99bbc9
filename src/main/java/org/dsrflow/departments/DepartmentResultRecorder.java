package org.dsrflow.departments;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.ANSWER;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_CATEGORIES;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_FORM;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The department tasks' listener ({@code create} and {@code complete}) and the check of their
 * answers. When a task is created it records which request, department, type and categories the
 * task is for ({@link DepartmentTasks}); the answer (task-local variable {@code answer}) is checked
 * against that copy before the completion is applied (a 400 names what is missing; the forms
 * require the same fields) and stored in the application's table with who completed it.
 */
@Component("departmentResultRecorder")
class DepartmentResultRecorder implements TaskListener, TaskCompletionCheck {

    private final DepartmentResultRepository results;
    private final DepartmentTasks departmentTasks;
    private final DepartmentFileRepository files;
    private final DsrProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<FoundRecords> foundRecords;

    DepartmentResultRecorder(DepartmentResultRepository results, DepartmentTasks departmentTasks, DepartmentFileRepository files,
                             DsrProperties properties, ObjectMapper json, Clock clock, List<FoundRecords> foundRecords) {
        this.foundRecords = foundRecords;
        this.files = files;
        this.results = results;
        this.departmentTasks = departmentTasks;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.DEPARTMENT_TASK, Elements.DEPARTMENT_REWORK);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        return problems(task.getId(), assignment(task), parse(submitted.json(ANSWER.name())), today(task));
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            DepartmentTasks.Assignment assignment = fromEngine(task);
            departmentTasks.record(task.getId(), assignment, clock.instant());
            // Task-local and read by the task's camunda:formRef="${task.getVariableLocal('departmentForm')}": Tasklist asks
            // for the form of every task it lists, and an expression naming a bean or a process variable would read the
            // task's execution, which a colleague may be changing (an OptimisticLockingException on a mere list).
            DEPARTMENT_FORM.setLocal(task, assignment.type().departmentForm());
            return;
        }
        DepartmentTasks.Assignment assignment = assignment(task);
        JsonNode answer = parse(ANSWER.optionalFrom(task));
        List<String> problems = problems(task.getId(), assignment, answer, today(task));
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(ANSWER.name(), "The answer is incomplete: " + String.join("; ", problems));
        }
        results.save(assignment.requestId(), assignment.department(),
                DepartmentAnswers.outcome(assignment.type(), answer, assignment.categories()), answer,
                completedBy(task), clock.instant());
        departmentTasks.remove(task.getId());
    }

    private List<String> problems(String taskId, DepartmentTasks.Assignment assignment, JsonNode answer, LocalDate today) {
        Set<String> withRecords = new LinkedHashSet<>();
        foundRecords.forEach(found -> withRecords.addAll(found.categories(assignment.requestId(), assignment.department())));
        List<String> problems = new ArrayList<>(DepartmentAnswers.problems(assignment.type(), answer, assignment.categories(),
                properties.organisation().department(assignment.department()), today, withRecords));
        problems.addAll(filesWithoutFindings(taskId, assignment, answer));
        Set<String> recipients = new LinkedHashSet<>();
        for (String category : assignment.categories()) {
            if (properties.organisation().categories().containsKey(category)) {
                recipients.addAll(properties.organisation().category(category).recipients());
            }
        }
        problems.addAll(DepartmentAnswers.unknownParties(answer, recipients));
        problems.addAll(DepartmentAnswers.publicationProblems(assignment.type(), answer, assignment.categories(),
                assignment.categories().stream().filter(properties.organisation()::madePublic).toList()));
        if (assignment.type() == org.dsrflow.request.RequestType.OBJECTION) {
            problems.addAll(DepartmentAnswers.groundsAgainstAWithdrawal(answer, assignment.categories().stream()
                    .filter(properties.organisation().categories()::containsKey)
                    .filter(category -> !properties.organisation().objectable(properties.organisation().category(category)))
                    .toList()));
        }
        return problems;
    }

    /**
     * Files attached to a category the answer reports nothing in (or "found: no" with files): the answer and the files
     * would tell the requester two different things, and a "nothing found" answer hands over no package at all.
     */
    private List<String> filesWithoutFindings(String taskId, DepartmentTasks.Assignment assignment, JsonNode answer) {
        if (!assignment.type().handsOverData() || answer == null) {
            return List.of();
        }
        DepartmentAnswer parsed = DepartmentAnswer.of(answer);
        Set<String> withFiles = new LinkedHashSet<>();
        files.findByTask(taskId).forEach(file -> withFiles.add(file.category()));
        if (withFiles.isEmpty()) {
            return List.of();
        }
        if (!"yes".equals(parsed.found())) {
            return List.of("you attached files: answer that you found data and describe it, or remove the files");
        }
        return withFiles.stream().filter(category -> parsed.category(category).data().isBlank())
                .map(category -> "you attached files to " + category + ": describe there what they hold, or remove them")
                .toList();
    }

    /** Today at the request's site: a "kept until" date is checked against the site's calendar. */
    private LocalDate today(DelegateTask task) {
        String site = SITE.optionalFrom(task);
        return LocalDate.now(clock.withZone(site == null ? java.time.ZoneOffset.UTC : properties.site(site).zone()));
    }

    /** The copy taken at creation; tasks created before copies existed are read from the engine once. */
    private DepartmentTasks.Assignment assignment(DelegateTask task) {
        return departmentTasks.find(task.getId()).orElseGet(() -> fromEngine(task));
    }

    private DepartmentTasks.Assignment fromEngine(DelegateTask task) {
        List<String> held = new ArrayList<>();
        parse(DEPARTMENT_CATEGORIES.optionalFrom(task)).forEach(category -> held.add(category.asText()));
        return new DepartmentTasks.Assignment(REQUEST_ID.from(task), DEPARTMENT.from(task),
                TYPE.from(task), held);
    }

    private JsonNode parse(Object value) {
        try {
            if (value == null) {
                return json.createObjectNode();
            }
            if (value instanceof SpinJsonNode spin) {
                return json.readTree(spin.toString());
            }
            if (value instanceof String text) {
                return json.readTree(text);
            }
            return json.valueToTree(value);
        } catch (JsonProcessingException e) {
            throw new FormFieldValidationException(ANSWER.name(), "The answer is not valid JSON");
        }
    }

    private static String completedBy(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}
