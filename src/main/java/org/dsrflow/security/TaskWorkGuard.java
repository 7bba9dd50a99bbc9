package org.dsrflow.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableOrderProperty;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RegisterRequestProcess;
import org.dsrflow.process.RestrictionLiftingProcess;
import org.dsrflow.process.TaskCompletionCheck;

/**
 * Least privilege inside the engine, for every command a person sends (through Tasklist, the REST
 * API or the staff pages; the job executor and the application's own calls are not people).
 * Camunda's authorizations decide who may complete a task at all (TASK_WORK for its candidate
 * group), but a completion may also carry any variable, and TASK_WORK also allows BPMN errors,
 * escalations and comments. This interceptor narrows that:
 * <ul>
 * <li>a task completion (complete or submit-form) carries only its form's variables
 *     ({@link DataSubjectRequestProcess#TASK_OUTPUTS}), a registration start form only its fields:
 *     anything else is refused (403) and the process is unchanged;</li>
 * <li>object values must be of a type the engine's deserialization allow-list accepts (400);</li>
 * <li>the task's {@link TaskCompletionCheck}s must pass (400 saying what is missing);</li>
 * <li>nobody ends a task with a BPMN error or escalation, or writes comments or attachments (403):
 *     the processes model no such paths, and free text beside the answer escapes the review;</li>
 * <li>a task is claimed for oneself only (a claim for someone else would hand them its variables);</li>
 * <li>retrying a job (RETRY_JOB) means retrying a failed one: no new due date, no timer fired early
 *     or switched off;</li>
 * <li>queries that filter or sort by variables need the permission to read variables: otherwise a
 *     manager could learn a value by asking whether a request "has reviewComment like 'A%'".</li>
 * </ul>
 * Commands are Camunda's own classes; their fields are read by name (7.24 is the final Camunda 7
 * release, so they do not move).
 */
class TaskWorkGuard extends CommandInterceptor {

    private static final Map<String, Set<String>> START_FORM_FIELDS =
            Map.of(RegisterRequestProcess.KEY, Set.of(RegisterRequestProcess.FORM_FIELDS),
                    RestrictionLiftingProcess.KEY, Set.of(RestrictionLiftingProcess.FORM_FIELDS));

    private final List<TaskCompletionCheck> checks;
    private final ObjectMapper json;

    TaskWorkGuard(List<TaskCompletionCheck> checks, ObjectMapper json) {
        this.checks = List.copyOf(checks);
        this.json = json;
    }

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null && context.getAuthenticatedUserId() != null && context.isAuthorizationCheckEnabled()) {
            inspect(command, context);
        }
        return next.execute(command);
    }

    private void inspect(Command<?> command, CommandContext context) {
        if (command instanceof HandleTaskBpmnErrorCmd) {
            throw refused("A task is never ended with a BPMN error: complete it with its answer.");
        }
        if (command instanceof HandleTaskEscalationCmd) {
            throw refused("A task is never ended with an escalation: complete it with its answer.");
        }
        if (command instanceof AddCommentCmd || command instanceof UpdateCommentCmd) {
            throw refused("Comments are not used in dsr-flow: write what the privacy team needs into the task's form.");
        }
        if (command instanceof CreateAttachmentCmd || command instanceof SaveAttachmentCmd) {
            throw refused("Attachments are not used in dsr-flow: write what the privacy team needs into the task's form.");
        }
        if (command instanceof ClaimTaskCmd) {
            String claimant = field(command, ClaimTaskCmd.class, "userId");
            if (claimant != null && !claimant.equals(context.getAuthenticatedUserId())) {
                throw refused("A task is claimed by the person who works on it, not for someone else.");
            }
        }
        if (command instanceof SetJobRetriesCmd) {
            failedJobsOnly(context, command);
        }
        if (command instanceof AbstractQuery<?, ?> query) {
            variablesOnlyIfReadable(context, query);
        }
        if (command instanceof AbstractExecuteFilterCmd) {
            Query<?, ?> extending = field(command, AbstractExecuteFilterCmd.class, "extendingQuery");
            if (extending instanceof AbstractQuery<?, ?> query) {
                variablesOnlyIfReadable(context, query);
            }
        }
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl start = field(command, StartProcessInstanceAtActivitiesCmd.class,
                    "instantiationBuilder");
            String key = definitionKey(context, start);
            if (key != null && START_FORM_FIELDS.containsKey(key)) {
                throw refused("This process starts at its start event with its form's fields only (no start instructions).");
            }
        }
        if (command instanceof CompleteTaskCmd) {
            completion(context, field(command, CompleteTaskCmd.class, "taskId"), field(command, CompleteTaskCmd.class, "variables"));
        } else if (command instanceof SubmitTaskFormCmd) {
            completion(context, field(command, SubmitTaskFormCmd.class, "taskId"),
                    field(command, SubmitTaskFormCmd.class, "properties"));
        } else if (command instanceof SubmitStartFormCmd) {
            startForm(context, keyOfDefinition(context, field(command, SubmitStartFormCmd.class, "processDefinitionId")),
                    field(command, SubmitStartFormCmd.class, "variables"));
        } else if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl start = field(command, StartProcessInstanceCmd.class, "instantiationBuilder");
            startForm(context, definitionKey(context, start), start.getVariables());
        }
    }

    private void completion(CommandContext context, String taskId, Map<String, Object> variables) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessDefinitionId() == null) {
            return; // the command itself answers "no such task"; standalone tasks are not used
        }
        // Who may work on the task at all is the engine's decision, and it comes first (403 before any 400).
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkTaskWork(task);
        }
        Map<String, Object> submitted = variables == null ? Map.of() : variables;
        ProcessDefinitionEntity definition = task.getProcessDefinition();
        Set<String> allowed = switch (definition.getKey()) {
            case DataSubjectRequestProcess.KEY -> DataSubjectRequestProcess.TASK_OUTPUTS.getOrDefault(task.getTaskDefinitionKey(), Set.of());
            case RestrictionLiftingProcess.KEY -> RestrictionLiftingProcess.TASK_OUTPUTS.getOrDefault(task.getTaskDefinitionKey(), Set.of());
            default -> Set.of();
        };
        refuseForeign(submitted, allowed, "This task takes only " + describe(allowed));
        refuseUnknownTypes(context, submitted);
        List<String> problems = new ArrayList<>();
        for (TaskCompletionCheck check : checks) {
            if (check.taskKeys().contains(task.getTaskDefinitionKey())) {
                problems.addAll(check.problems(task, new Submitted(task, submitted)));
            }
        }
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(task.getTaskDefinitionKey(),
                    "The answer is incomplete: " + String.join("; ", problems));
        }
    }

    /** The key of the definition a start names, as deployed (not as the caller spelled it). */
    private static String definitionKey(CommandContext context, ProcessInstantiationBuilderImpl start) {
        if (start.getProcessDefinitionId() != null) {
            return keyOfDefinition(context, start.getProcessDefinitionId());
        }
        ProcessDefinitionEntity latest = start.getProcessDefinitionKey() == null ? null : context.getProcessEngineConfiguration()
                .getDeploymentCache().findDeployedLatestProcessDefinitionByKey(start.getProcessDefinitionKey());
        return latest == null ? null : latest.getKey();
    }

    private static void failedJobsOnly(CommandContext context, Command<?> command) {
        if (Boolean.TRUE.equals(field(command, SetJobRetriesCmd.class, "isDueDateSet"))) {
            throw refused("A retry never moves a job's due date.");
        }
        int retries = field(command, SetJobRetriesCmd.class, "retries");
        if (retries < 1) {
            throw refused("A retry gives a failed job one or more attempts; it never switches a job off.");
        }
        List<String> ids = new ArrayList<>();
        String single = field(command, SetJobRetriesCmd.class, "jobId");
        if (single != null) {
            ids.add(single);
        }
        List<String> several = field(command, SetJobRetriesCmd.class, "jobIds");
        if (several != null) {
            ids.addAll(several);
        }
        for (String id : ids) {
            JobEntity job = context.getJobManager().findJobById(id);
            if (job != null && job.getRetries() > 0) {
                throw refused("Only a failed job (an incident) is retried; job " + id + " has not failed.");
            }
        }
    }

    private static void variablesOnlyIfReadable(CommandContext context, AbstractQuery<?, ?> query) {
        if (!byVariables(query)) {
            return;
        }
        boolean readsVariables = VariableReading.allowed((permission, resource, resourceId) -> context.getAuthorizationManager()
                .isAuthorized(context.getAuthenticatedUserId(), context.getAuthenticatedGroupIds(), permission, resource, resourceId));
        if (!readsVariables) {
            throw refused("Filtering or sorting by variables needs the permission to read them.");
        }
    }

    /**
     * Whether the query, or any of its OR branches (the engine applies every branch's conditions in SQL),
     * filters or sorts by variables.
     */
    static boolean byVariables(AbstractQuery<?, ?> query) {
        List<QueryOrderingProperty> ordering = query.getOrderingProperties();
        if (ordering != null && ordering.stream().anyMatch(VariableOrderProperty.class::isInstance)) {
            return true;
        }
        return branches(query).stream().anyMatch(TaskWorkGuard::hasVariableConditions);
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

    private static String keyOfDefinition(CommandContext context, String processDefinitionId) {
        return processDefinitionId == null ? null : context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId).getKey();
    }

    /** A start of the registration process (its Tasklist start form, or the REST API) carries only the form's fields. */
    private void startForm(CommandContext context, String processDefinitionKey, Map<String, Object> variables) {
        if (processDefinitionKey == null || variables == null) {
            return;
        }
        Set<String> allowed = START_FORM_FIELDS.get(processDefinitionKey);
        if (allowed != null) {
            refuseForeign(variables, allowed, "This form takes only " + describe(allowed));
            refuseUnknownTypes(context, variables);
        }
    }

    private static void refuseForeign(Map<String, Object> submitted, Set<String> allowed, String what) {
        Set<String> foreign = new TreeSet<>(submitted.keySet());
        foreign.removeAll(allowed);
        if (!foreign.isEmpty()) {
            throw refused(what + "; refused: " + String.join(", ", foreign)
                    + ". Nothing was changed.");
        }
    }

    private static void refuseUnknownTypes(CommandContext context, Map<String, Object> submitted) {
        DeserializationTypeValidator validator = context.getProcessEngineConfiguration().getDeserializationTypeValidator();
        for (String name : submitted.keySet()) {
            if (typed(submitted, name) instanceof ObjectValue object && object.getObjectTypeName() != null) {
                String refused = ObjectTypes.firstRefused(validator, object.getObjectTypeName());
                if (refused != null) {
                    throw new FormFieldValidationException(name, "Variable '" + name + "': values of type " + refused
                            + " are not accepted. Nothing was changed.");
                }
            }
        }
    }

    /** The value as submitted: a typed value stays typed (a serialized object is never deserialized here). */
    private static Object typed(Map<String, Object> variables, String name) {
        return variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
    }

    private static String describe(Set<String> allowed) {
        return allowed.isEmpty() ? "no variables" : "its form's variables (" + String.join(", ", new TreeSet<>(allowed)) + ")";
    }

    private static AuthorizationException refused(String message) {
        return new AuthorizationException(message);
    }

    @SuppressWarnings("unchecked")
    private static <V> V field(Object command, Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return (V) field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name, e);
        }
    }

    /** A completion's values: what was submitted, else what the task holds. */
    private final class Submitted implements TaskCompletionCheck.SubmittedValues {

        private final TaskEntity task;
        private final Map<String, Object> submitted;

        Submitted(TaskEntity task, Map<String, Object> submitted) {
            this.task = task;
            this.submitted = submitted;
        }

        @Override
        public String json(String name) {
            Object value = value(name);
            if (value == null) {
                return null;
            }
            if (value instanceof String text) {
                return text;
            }
            if (value instanceof SpinJsonNode node) {
                return node.toString();
            }
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new FormFieldValidationException(name, "Variable '" + name + "' is not valid JSON");
            }
        }

        @Override
        public String text(String name) {
            Object value = value(name);
            return value == null ? null : String.valueOf(value);
        }

        private Object value(String name) {
            if (!submitted.containsKey(name)) {
                return task.getVariable(name);
            }
            Object value = typed(submitted, name);
            if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
                return serializable.getValueSerialized();
            }
            return value instanceof TypedValue typed ? typed.getValue() : value;
        }
    }
}
