package org.dsrflow.config;

/** Settings dsr-flow refuses to start with; explained at start-up by {@link StartupCheckFailureAnalyzer}. */
public class StartupCheckException extends RuntimeException {

    private final String action;

    public StartupCheckException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
