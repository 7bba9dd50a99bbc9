package org.dsrflow.connectors;

import java.util.List;
import java.util.Map;

/**
 * What one system found for one category: the records as JSON-friendly maps (strings, numbers, booleans,
 * null; dates and times as ISO-8601 strings), in the order the system gave them; {@code truncated} when the
 * system's row or byte cap stopped the search before the end.
 */
public record SearchResult(String systemId, String category, List<Map<String, Object>> rows, boolean truncated) {

    public SearchResult {
        rows = List.copyOf(rows);
    }

    @Override
    public String toString() { // the rows are personal data
        return "SearchResult[" + systemId + "/" + category + ", " + rows.size() + " rows" + (truncated ? ", truncated" : "") + "]";
    }
}
