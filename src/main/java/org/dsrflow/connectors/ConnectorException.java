package org.dsrflow.connectors;

import java.util.List;

/**
 * A system could not be searched or acted on. The reason is written for a Cockpit incident and the logs:
 * it names what failed ("connection refused", "HTTP 503 from GET /api/tickets", "timed out after 10 s",
 * "statement failed: SQL state 42P01") and never carries personal data or SQL values.
 */
public class ConnectorException extends RuntimeException {

    private final String systemId;
    private final String reason;
    private final transient List<ActionResult.Call> completed;

    public ConnectorException(String systemId, String reason) {
        this(systemId, reason, List.of());
    }

    /** An HTTP action that stopped at a failing call: {@code completed} are the calls that succeeded before it. */
    public ConnectorException(String systemId, String reason, List<ActionResult.Call> completed) {
        super("system " + systemId + ": " + reason);
        this.systemId = systemId;
        this.reason = reason;
        this.completed = List.copyOf(completed);
    }

    public String systemId() {
        return systemId;
    }

    public String reason() {
        return reason;
    }

    /** HTTP: the calls of the action that had succeeded before the failing one (SQL rolls back: none). */
    public List<ActionResult.Call> completed() {
        return completed;
    }
}
