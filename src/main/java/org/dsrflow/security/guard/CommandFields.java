package org.dsrflow.security.guard;

import java.lang.reflect.Field;

/**
 * A field of one of Camunda's command objects, read by name: the commands have no getters, and 7.24 is the
 * final Camunda 7 release, so the fields do not move (a renamed one fails loudly, never silently).
 */
final class CommandFields {

    private CommandFields() {
    }

    @SuppressWarnings("unchecked")
    static <V> V read(Object command, Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return (V) field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name, e);
        }
    }
}
