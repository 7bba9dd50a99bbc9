package org.dsrflow.security.guard;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.dsrflow.process.FormOutputs;

/**
 * The variables a person submits with a command, and where to: the completion of a process's user task
 * (complete it, or submit its form), or the start of a process that starts with its form (submit the start
 * form, or start it through the REST API). Other starts are not a person's: no staff group may start those
 * processes. A task that does not exist or belongs to no process is no submission here: the command itself
 * answers "no such task", and dsr-flow has no standalone tasks.
 *
 * @param task       the task completed; null for a start
 * @param processKey the key of the process the values go to, as deployed
 */
record Submission(TaskEntity task, String processKey, Map<String, Object> variables) {

    /** What {@code command} submits, if it is a completion or a start by form. */
    static Optional<Submission> of(Command<?> command, CommandContext context) {
        if (command instanceof CompleteTaskCmd) {
            return completion(context, CommandFields.read(command, CompleteTaskCmd.class, "taskId"),
                    CommandFields.read(command, CompleteTaskCmd.class, "variables"));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return completion(context, CommandFields.read(command, SubmitTaskFormCmd.class, "taskId"),
                    CommandFields.read(command, SubmitTaskFormCmd.class, "properties"));
        }
        if (command instanceof SubmitStartFormCmd) {
            return start(DefinitionKeys.of(context, CommandFields.<String>read(command, SubmitStartFormCmd.class, "processDefinitionId")),
                    CommandFields.read(command, SubmitStartFormCmd.class, "variables"));
        }
        if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl start = CommandFields.read(command, StartProcessInstanceCmd.class, "instantiationBuilder");
            return start(DefinitionKeys.of(context, start), start.getVariables());
        }
        return Optional.empty();
    }

    private static Optional<Submission> completion(CommandContext context, String taskId, Map<String, Object> variables) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessDefinitionId() == null) {
            return Optional.empty();
        }
        return Optional.of(new Submission(task, task.getProcessDefinition().getKey(), variables == null ? Map.of() : variables));
    }

    private static Optional<Submission> start(String processKey, Map<String, Object> variables) {
        if (variables == null || !FormOutputs.startsWithForm(processKey)) {
            return Optional.empty();
        }
        return Optional.of(new Submission(null, processKey, variables));
    }

    boolean completion() {
        return task != null;
    }

    /** The variables a completion or a start form may carry: its form's. */
    Set<String> allowed() {
        return completion() ? FormOutputs.ofTask(processKey, task.getTaskDefinitionKey()) : FormOutputs.ofStartForm(processKey);
    }

    /** The submitted names that are not {@code allowed}, sorted. */
    Set<String> foreign(Set<String> allowed) {
        Set<String> foreign = new TreeSet<>(variables.keySet());
        foreign.removeAll(allowed);
        return foreign;
    }

    /** The value as submitted: a typed value stays typed (a serialized object is never deserialized here). */
    Object typed(String name) {
        return variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
    }

    /** "its form's variables (a, b)", or "no variables". */
    static String describe(Set<String> allowed) {
        return allowed.isEmpty() ? "no variables" : "its form's variables (" + String.join(", ", new TreeSet<>(allowed)) + ")";
    }
}
