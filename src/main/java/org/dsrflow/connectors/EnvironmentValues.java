package org.dsrflow.connectors;

import org.springframework.core.env.PropertyResolver;

/** The values of the environment variables the register names (Spring properties: the OS environment, or a test's). */
record EnvironmentValues(PropertyResolver environment) {

    String get(String name) {
        String value = name == null ? null : environment.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    String required(DataSystem system, String name) {
        String value = get(name);
        if (value == null) {
            throw new ConnectorException(system.id(), "the environment variable " + name + " is not set");
        }
        return value;
    }
}
