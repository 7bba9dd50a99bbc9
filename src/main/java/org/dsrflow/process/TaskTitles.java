package org.dsrflow.process;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_NAME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REFERENCE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUESTER_LANGUAGE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RESTRICTION_GROUND;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RESTRICTION_GROUND_LABEL;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE_LABEL;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE_LABEL;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.request.StaffLabels;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.springframework.stereotype.Component;

/**
 * Names and describes each user task when it is created, so that Tasklist's list says which request a
 * task is about: "DSR-2026-000123 · Erasure · SE · due 2027-01-07 — Search or act in Sales". It also
 * gives the task the words its form shows instead of codes ({@code typeLabel}, {@code siteLabel},
 * {@code departmentName}, {@code restrictionGroundLabel}, {@code requesterLanguage}, task-local). Reference, type, site and dates
 * only: never the requester's personal data. {@link TaskTitlesPlugin} adds it to every user task of
 * every process, so a new task cannot be forgotten.
 */
@Component
class TaskTitles implements TaskListener {

    /** Tasks whose title names the department (the BPMN name says "department"). */
    private static final Map<String, String> DEPARTMENT_TITLES = Map.of(
            DataSubjectRequestProcess.Elements.DEPARTMENT_TASK, "staff.task.department",
            DataSubjectRequestProcess.Elements.DEPARTMENT_REWORK, "staff.task.department-rework");

    private final RequestRepository requests;
    private final StaffLabels labels;
    private final DsrProperties properties;

    TaskTitles(RequestRepository requests, StaffLabels labels, DsrProperties properties) {
        this.requests = requests;
        this.labels = labels;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        if (RegisterRequestProcess.RECEIPT_TASK.equals(task.getTaskDefinitionKey())) {
            return; // the registrar's receipt is named by the registration itself, with the request's due date
        }
        String reference = task.getExecution().getProcessBusinessKey();
        DsrRequest request = reference == null ? null : requests.findByReference(reference).orElse(null);
        if (request == null) {
            return; // not a request's task: its name stays as modelled
        }
        String type = labels.type(request.type().name());
        String department = DEPARTMENT.optionalFrom(task);
        String title = task.getName();
        if (department != null) {
            String name = labels.department(department);
            DEPARTMENT_NAME.setLocal(task, name);
            if (DEPARTMENT_TITLES.containsKey(task.getTaskDefinitionKey())) {
                title = labels.message(DEPARTMENT_TITLES.get(task.getTaskDefinitionKey()), name);
            }
        }
        List<String> parts = new ArrayList<>(List.of(reference, type, request.site()));
        if (task.getDueDate() != null) {
            ZoneId zone = properties.site(request.site()).zone();
            parts.add("due " + LocalDate.ofInstant(task.getDueDate().toInstant(), zone));
        }
        String heading = String.join(" · ", parts);
        task.setName(heading + " — " + title);
        String documentation = task.getDescription();
        task.setDescription(heading + " (" + labels.site(request.site()) + ")"
                + (documentation == null || documentation.isBlank() ? "" : "\n\n" + documentation));
        REFERENCE.setLocal(task, reference);
        TYPE_LABEL.setLocal(task, type);
        SITE_LABEL.setLocal(task, labels.site(request.site()));
        REQUESTER_LANGUAGE.setLocal(task, labels.language(request.language()));
        String ground = RESTRICTION_GROUND.optionalFrom(task);
        if (ground != null) {
            RESTRICTION_GROUND_LABEL.setLocal(task, labels.restrictionGround(ground));
        }
    }
}
