package org.dsrflow.process;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and Java type in one place, so that code never handles raw
 * variable-name strings or casts. An enum is kept in the engine as its name (a string, which BPMN
 * and DMN expressions compare and the REST API shows) and read back as the constant.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;
    private final Function<T, Object> toEngine;
    private final Function<Object, T> fromEngine;

    private ProcessVariable(String name, Class<T> type, Function<T, Object> toEngine, Function<Object, T> fromEngine) {
        this.name = name;
        this.type = type;
        this.toEngine = toEngine;
        this.fromEngine = fromEngine;
    }

    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, value -> value, null);
    }

    /** An enum stored in the engine as its constant's name. */
    public static <E extends Enum<E>> ProcessVariable<E> ofEnum(String name, Class<E> type) {
        return new ProcessVariable<>(name, type, Enum::name, value -> value instanceof String text
                ? Enum.valueOf(type, text) : type.cast(value));
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
        scope.setVariable(name, toEngine(value));
    }

    /** Sets the value in this scope only (a task's own variable). */
    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, toEngine(value));
    }

    public Map.Entry<String, Object> entry(T value) {
        return Map.entry(name, toEngine(value));
    }

    /** The value as the engine keeps it (an enum's name). */
    public Object toEngine(T value) {
        return value == null ? null : toEngine.apply(value);
    }

    private T cast(Object value) {
        if (value == null) {
            return null;
        }
        if (fromEngine != null) {
            return fromEngine.apply(value);
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
