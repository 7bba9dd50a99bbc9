package org.dsrflow.security.setup;

import org.dsrflow.config.StartupCheckException;

/** Production settings that dsr-flow refuses to run with. */
public class InsecureSettingsException extends StartupCheckException {

    public InsecureSettingsException(String message) {
        super(message, "Set the environment variables described in the README (section 'Production') and start again.");
    }
}
