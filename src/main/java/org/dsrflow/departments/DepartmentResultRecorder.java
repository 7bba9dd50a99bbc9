package org.dsrflow.departments;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_REPORT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Complete-listener of the department task: copies the form's answer into the application's
 * table, with who completed it. The form fields are task-local variables (input mappings), so
 * parallel departments never overwrite each other.
 */
@Component("departmentResultRecorder")
class DepartmentResultRecorder implements TaskListener {

    private final DepartmentResultRepository results;
    private final Clock clock;

    DepartmentResultRecorder(DepartmentResultRepository results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String outcome = DEPARTMENT_OUTCOME.optionalFrom(task);
        if (outcome == null) {
            throw new IllegalArgumentException("the department task needs a result (outcome)");
        }
        results.insert(REQUEST_ID.from(task), DEPARTMENT.from(task), DepartmentOutcome.valueOf(outcome),
                DEPARTMENT_REPORT.optionalFrom(task), completedBy(task), clock.instant());
    }

    private static String completedBy(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}
