package org.dsrflow.retention;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RegisterRequestProcess;

/**
 * Camunda's full history, except for the variables that hold personal data on their way into
 * dsr-flow's own tables: a department's answer ({@code answer}), the fields of the registration
 * start form, and the privacy team's question to the requester (at the review, the triage or from Tasklist at any time) and a fee's texts (they are in
 * {@code dsr_clarification} and {@code dsr_fee}, with who decided); and without a detail row for every change of every variable (the benchmark's largest
 * share of history writes). They are never written to the history tables, so no history view shows them and
 * retention has only dsr-flow's tables to erase. Same id as "full" (3), so existing databases fit.
 */
public class PersonalDataHistoryLevel extends HistoryLevelFull {

    public static final String NAME = "full-without-personal-data";
    static final Set<String> PERSONAL = Set.of(DataSubjectRequestProcess.Variables.ANSWER.name(),
            DataSubjectRequestProcess.Variables.CLARIFICATION_QUESTION.name(), DataSubjectRequestProcess.Variables.FEE_REASONS.name(),
            DataSubjectRequestProcess.Variables.FEE_CALCULATION.name(), DataSubjectRequestProcess.Variables.FEE_PAYMENT.name());
    static final Set<String> REGISTRATION_FIELDS = Set.of(RegisterRequestProcess.FORM_FIELDS);
    static final Set<String> DEPARTMENT_TASKS = Set.of(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK,
            DataSubjectRequestProcess.Elements.DEPARTMENT_REWORK);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (entity instanceof VariableInstanceEntity variable && isPersonal(variable)) {
            return false;
        }
        // Every change of every variable as a row of its own (ACT_HI_DETAIL) doubled the history
        // written per request; the variable's history (ACT_HI_VARINST) keeps its last value, and the
        // submitted forms (who decided what) stay as form-property details.
        if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
            return false;
        }
        // Submitted form fields are also recorded as "form property" details of the execution.
        if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE && entity instanceof ExecutionEntity execution
                && carriesPersonalForm(execution)) {
            return false;
        }
        if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE && entity instanceof TaskEntity task && carriesPersonalForm(task)) {
            return false;
        }
        return super.isHistoryEventProduced(eventType, entity);
    }

    static boolean carriesPersonalForm(ExecutionEntity execution) {
        String definition = execution.getProcessDefinitionId();
        return (definition != null && (definition.startsWith(RegisterRequestProcess.KEY + ":")
                        || definition.startsWith(org.dsrflow.process.AskRequesterProcess.KEY + ":")))
                || DEPARTMENT_TASKS.contains(execution.getActivityId());
    }

    /**
     * A task form's fields are recorded against the task: a department's (its answer) and a review
     * that asks the requester a question or charges a fee (the texts are in dsr-flow's tables, with
     * who decided; the user operation log keeps who completed the task).
     */
    static boolean carriesPersonalForm(TaskEntity task) {
        return DEPARTMENT_TASKS.contains(task.getTaskDefinitionKey())
                || ((DataSubjectRequestProcess.Elements.PRIVACY_REVIEW.equals(task.getTaskDefinitionKey())
                        || DataSubjectRequestProcess.Elements.USER_TRIAGE.equals(task.getTaskDefinitionKey()))
                    && PERSONAL.stream().anyMatch(name -> task.getVariable(name) != null));
    }

    static boolean isPersonal(VariableInstanceEntity variable) {
        if (PERSONAL.contains(variable.getName())) {
            return true;
        }
        String definition = variable.getProcessDefinitionId();
        return definition != null && definition.startsWith(RegisterRequestProcess.KEY + ":")
                && REGISTRATION_FIELDS.contains(variable.getName());
    }
}
