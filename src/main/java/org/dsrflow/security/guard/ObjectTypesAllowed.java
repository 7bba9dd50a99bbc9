package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.value.ObjectValue;

/**
 * An object value a person submits with a completion or a start form is of a type the engine's deserialization
 * allow-list accepts ({@link ObjectTypes}); otherwise 400 naming the variable and the type, and nothing changes.
 * ({@link AllowListedObjectSerializer} refuses the same on every other write, with a 403.)
 */
final class ObjectTypesAllowed implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        Submission submission = Submission.of(command, context).orElse(null);
        if (submission == null) {
            return;
        }
        DeserializationTypeValidator validator = context.getProcessEngineConfiguration().getDeserializationTypeValidator();
        for (String name : submission.variables().keySet()) {
            if (submission.typed(name) instanceof ObjectValue object && object.getObjectTypeName() != null) {
                String refused = ObjectTypes.firstRefused(validator, object.getObjectTypeName());
                if (refused != null) {
                    throw new FormFieldValidationException(name, "Variable '" + name + "': values of type " + refused
                            + " are not accepted. Nothing was changed.");
                }
            }
        }
    }
}
