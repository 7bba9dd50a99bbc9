package org.dsrflow.process;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and Java type in one place, so that code never handles raw
 * variable-name strings or casts.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    public String name() {
        return name;
    }

    /** The value in the scope (or its parents); fails loudly when missing. */
    public T from(VariableScope scope) {
        return Objects.requireNonNull(optionalFrom(scope), () -> "process variable '" + name + "' is not set");
    }

    public T optionalFrom(VariableScope scope) {
        return cast(scope.getVariable(name));
    }

    public T from(Map<String, ?> variables) {
        return cast(variables.get(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /** Sets the value in this scope only (a task's own variable). */
    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value);
    }

    public Map.Entry<String, Object> entry(T value) {
        return Map.entry(name, value);
    }

    private T cast(Object value) {
        if (value == null) {
            return null;
        }
        if (type == Long.class && value instanceof Number number) {
            return type.cast(number.longValue());
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("process variable '" + name + "' is a "
                    + value.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
