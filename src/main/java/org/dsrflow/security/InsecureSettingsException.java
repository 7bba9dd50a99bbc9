package org.dsrflow.security;

/** Production settings that dsr-flow refuses to run with; explained at start-up by {@link InsecureSettingsFailureAnalyzer}. */
public class InsecureSettingsException extends RuntimeException {

    public InsecureSettingsException(String message) {
        super(message);
    }
}
