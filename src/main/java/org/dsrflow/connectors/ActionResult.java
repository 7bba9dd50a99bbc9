package org.dsrflow.connectors;

import java.util.List;

/**
 * What a confirmed action did in one system: for SQL the rows the statements affected, summed (all committed
 * in one transaction); for HTTP each call in order with its status. Holds no personal data: calls are named
 * by the register's path template, not the expanded path.
 */
public record ActionResult(String systemId, String category, Operation operation, long rowsAffected, List<Call> calls) {

    public ActionResult {
        calls = List.copyOf(calls);
    }

    /** One HTTP call: its method, its path as the register writes it (e.g. /api/tickets/{row.id}) and the answer's status. */
    public record Call(String method, String pathTemplate, int status) {

        @Override
        public String toString() {
            return method + " " + pathTemplate + " -> " + status;
        }
    }
}
