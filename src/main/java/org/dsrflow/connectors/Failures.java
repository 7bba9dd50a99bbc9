package org.dsrflow.connectors;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import org.springframework.dao.QueryTimeoutException;

/**
 * Turns what went wrong into a reason fit for a Cockpit incident: the kind of failure and the SQL state or
 * HTTP status, never an exception's message (a database's message may quote the values of a row).
 */
final class Failures {

    /** PostgreSQL: query_canceled, the statement timeout. */
    private static final String CANCELED = "57014";

    private Failures() {
    }

    static String of(Throwable failure, Duration timeout, String step) {
        if (has(failure, ConnectException.class)) {
            return "connection refused";
        }
        if (has(failure, UnknownHostException.class)) {
            return "unknown host";
        }
        if (has(failure, HttpConnectTimeoutException.class)) {
            return "no connection within " + seconds(timeout);
        }
        if (has(failure, HttpTimeoutException.class) || has(failure, SQLTimeoutException.class)
                || has(failure, QueryTimeoutException.class) || CANCELED.equals(sqlState(failure))) {
            return "timed out after " + seconds(timeout) + (step == null ? "" : " (" + step + ")");
        }
        if (has(failure, java.sql.SQLTransientConnectionException.class)) {
            String state = sqlState(failure);
            return "cannot connect" + (state == null ? " within " + seconds(timeout) : " (SQL state " + state + ")");
        }
        String state = sqlState(failure);
        if (state != null) {
            return (state.startsWith("08") ? "cannot connect" : "statement failed") + ": SQL state " + state
                    + (step == null ? "" : " (" + step + ")");
        }
        if (has(failure, java.io.IOException.class)) {
            return "input/output error (" + find(failure, java.io.IOException.class).getClass().getSimpleName() + ")";
        }
        return "failed (" + failure.getClass().getSimpleName() + ")";
    }

    /** The most specific SQL state in the chain (a pool's exception wraps the driver's). */
    static String sqlState(Throwable failure) {
        String state = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return state;
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
