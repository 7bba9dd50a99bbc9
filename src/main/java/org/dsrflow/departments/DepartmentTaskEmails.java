package org.dsrflow.departments;

import java.time.LocalDate;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.PublicLinks;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the emails to a department about its task say beyond the staff model: a link that opens the
 * task in Tasklist and the day it is due. The task is the department's open one of the request (a
 * task answered before its email went out gets a link to Tasklist itself).
 */
@Component
class DepartmentTaskEmails implements EmailPreparation {

    static final Set<EmailKind> KINDS = Set.of(EmailKind.DEPARTMENT_TASK, EmailKind.DEPARTMENT_TASK_RETURNED,
            EmailKind.DEPARTMENT_REMINDER);

    private final RequestProcessAdapter process;
    private final PublicLinks links;
    private final DsrProperties properties;

    // Lazy: the parts of an email can be made before the engine and its services are.
    DepartmentTaskEmails(@Lazy RequestProcessAdapter process, PublicLinks links, DsrProperties properties) {
        this.process = process;
        this.links = links;
        this.properties = properties;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return KINDS.contains(kind);
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        String key = email.kind() == EmailKind.DEPARTMENT_TASK_RETURNED ? Elements.DEPARTMENT_REWORK : Elements.DEPARTMENT_TASK;
        Task task = process.openDepartmentTask(request.processInstanceId(), key, context.department()).orElse(null);
        email.put("taskUrl", links.to("/camunda/app/tasklist/default/" + (task == null ? "" : "#/?task=" + task.getId())));
        email.put("taskDueDate", task == null || task.getDueDate() == null ? null
                : LocalDate.ofInstant(task.getDueDate().toInstant(), properties.site(request.site()).zone()));
    }
}
