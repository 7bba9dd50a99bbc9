package org.dsrflow.connectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.DsrProperties;

/**
 * The values of a step's parameters, by the name the step writes them with: the identity's email and name, the
 * confirmed row's fields, the corrected values (a value the department did not give is null).
 */
final class Bindings {

    private Bindings() {
    }

    static Map<String, Object> identity(DataSystem system, DsrProperties.Step step, Identity identity, String stepName) {
        return all(system, step, identity, Map.of(), Map.of(), stepName);
    }

    static Map<String, Object> all(DataSystem system, DsrProperties.Step step, Identity identity, Map<String, Object> row,
                                   Map<String, String> values, String stepName) {
        List<Parameters.Parameter> parameters = Parameters.of(step);
        Map<String, Object> bound = new LinkedHashMap<>();
        for (Parameters.Parameter parameter : parameters) {
            bound.put(parameter.written(), switch (parameter.kind()) {
                case IDENTITY -> identity(identity, parameter, stepName);
                case ROW -> rowValue(system, row, parameter, stepName);
                case VALUE -> values.get(parameter.field());
                case UNKNOWN -> throw new IllegalStateException(stepName + ": unknown parameter " + parameter.written());
            });
        }
        return bound;
    }

    private static Object identity(Identity identity, Parameters.Parameter parameter, String stepName) {
        String value = Parameters.EMAIL.equals(parameter.field()) ? identity.email() : identity.name();
        if (value == null || value.isBlank()) {
            // Never search with an empty name: an API could answer with everyone.
            throw new IllegalArgumentException(stepName + " uses " + parameter.written() + ", which the request does not have");
        }
        return value;
    }

    private static Object rowValue(DataSystem system, Map<String, Object> row, Parameters.Parameter parameter, String stepName) {
        Object value = field(row, parameter.field());
        if (value == null) {
            throw new ConnectorException(system.id(), "a confirmed row has no value for '" + parameter.field() + "' ("
                    + stepName + " uses " + parameter.written() + "; does the search return that column or field?)");
        }
        return value;
    }

    /** A row's field by name; a database may give column names in upper case (H2), so case is ignored as a fall-back. */
    static Object field(Map<String, Object> row, String name) {
        if (row.containsKey(name)) {
            return row.get(name);
        }
        return row.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
