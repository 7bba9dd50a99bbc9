package org.dsrflow.departments;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.intake.RequestType;
import org.springframework.stereotype.Component;

/**
 * Complete-listener of the department tasks: checks the form's answer (task-local variable
 * {@code answer}, so parallel departments never overwrite each other) and stores it in the
 * application's table with who completed it. An incomplete answer (possible through the REST API;
 * the forms require the fields) is refused, and Tasklist or the REST client shows the message.
 */
@Component("departmentResultRecorder")
class DepartmentResultRecorder implements TaskListener {

    static final String ANSWER = "answer";
    static final String HELD_CATEGORIES = "departmentCategories";

    private final DepartmentResultRepository results;
    private final DsrProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    DepartmentResultRecorder(DepartmentResultRepository results, DsrProperties properties, ObjectMapper json,
                             Clock clock) {
        this.results = results;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        RequestType type = RequestType.valueOf(TYPE.from(task));
        String department = DEPARTMENT.from(task);
        JsonNode answer = toJson(task.getVariable(ANSWER));
        List<String> held = new ArrayList<>();
        toJson(task.getVariable(HELD_CATEGORIES)).forEach(category -> held.add(category.asText()));
        List<String> problems = DepartmentAnswers.problems(type, answer, held,
                properties.organisation().department(department));
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(ANSWER, "The answer is incomplete: " + String.join("; ", problems));
        }
        results.save(REQUEST_ID.from(task), department, DepartmentAnswers.outcome(type, answer, held), answer,
                completedBy(task), clock.instant());
    }

    private JsonNode toJson(Object value) {
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
            throw new FormFieldValidationException(ANSWER, "The answer is not valid JSON");
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
