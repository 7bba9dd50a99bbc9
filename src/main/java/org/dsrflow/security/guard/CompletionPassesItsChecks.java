package org.dsrflow.security.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.dsrflow.process.TaskCompletionCheck;

/**
 * A completion passes its task's {@link TaskCompletionCheck}s (a department's answer, the review's question or
 * fee, the objection's decisions) before the engine applies it: otherwise 400 saying what is missing.
 */
final class CompletionPassesItsChecks implements CommandRule {

    private final List<TaskCompletionCheck> checks;
    private final ObjectMapper json;

    CompletionPassesItsChecks(List<TaskCompletionCheck> checks, ObjectMapper json) {
        this.checks = List.copyOf(checks);
        this.json = json;
    }

    @Override
    public void check(Command<?> command, CommandContext context) {
        Submission submission = Submission.of(command, context).filter(Submission::completion).orElse(null);
        if (submission == null) {
            return;
        }
        String taskKey = submission.task().getTaskDefinitionKey();
        List<String> problems = new ArrayList<>();
        for (TaskCompletionCheck check : checks) {
            if (check.taskKeys().contains(taskKey)) {
                problems.addAll(check.problems(submission.task(), new Values(submission)));
            }
        }
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(taskKey, "The answer is incomplete: " + String.join("; ", problems));
        }
    }

    /** A completion's values: what was submitted, else what the task holds. */
    private final class Values implements TaskCompletionCheck.SubmittedValues {

        private final Submission submission;

        Values(Submission submission) {
            this.submission = submission;
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
            if (!submission.variables().containsKey(name)) {
                return submission.task().getVariable(name);
            }
            Object value = submission.typed(name);
            if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
                return serializable.getValueSerialized();
            }
            return value instanceof TypedValue typed ? typed.getValue() : value;
        }
    }
}
