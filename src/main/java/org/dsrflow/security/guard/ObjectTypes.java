package org.dsrflow.security.guard;

import org.camunda.bpm.engine.impl.runtime.DefaultDeserializationTypeValidator;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;

/** The engine's deserialization allow-list, applied to a type name as written (generics and arrays included). */
final class ObjectTypes {

    private static final DeserializationTypeValidator DEFAULT_TYPES = new DefaultDeserializationTypeValidator();

    private ObjectTypes() {
    }

    /** The first class named in {@code typeName} that the allow-list refuses, or null when all are allowed. */
    static String firstRefused(DeserializationTypeValidator validator, String typeName) {
        DeserializationTypeValidator types = validator != null ? validator : DEFAULT_TYPES;
        for (String type : typeName.split("[<>,\\s\\[\\]]+")) {
            if (!type.isEmpty() && !types.validate(type)) {
                return type;
            }
        }
        return null;
    }
}
