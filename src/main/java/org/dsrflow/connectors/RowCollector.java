package org.dsrflow.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects a search's rows up to the system's caps: at most {@code maxRows} rows and {@code maxBytes} of JSON
 * (the rows as they would be stored, a list of objects). A row that would pass either cap is left out and the
 * result is marked truncated.
 */
final class RowCollector {

    static final ObjectMapper JSON = new ObjectMapper();

    private final int maxRows;
    private final long maxBytes;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private long bytes = 2; // []
    private boolean truncated;

    RowCollector(int maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Adds the row if it fits; false once a cap is reached (the caller stops reading). */
    boolean add(Map<String, Object> row) {
        if (truncated) {
            return false;
        }
        long size = size(row) + (rows.isEmpty() ? 0 : 1); // the comma
        if (rows.size() >= maxRows || bytes + size > maxBytes) {
            truncated = true;
            return false;
        }
        rows.add(row);
        bytes += size;
        return true;
    }

    List<Map<String, Object>> rows() {
        return rows;
    }

    boolean truncated() {
        return truncated;
    }

    private static long size(Map<String, Object> row) {
        try {
            return JSON.writeValueAsBytes(row).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row that is not JSON-friendly", e);
        }
    }
}
