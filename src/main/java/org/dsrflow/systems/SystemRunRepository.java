package org.dsrflow.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.connectors.Operation;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The runs of the organisation's systems for a request ({@code dsr_system_run}) and the rows a search found
 * ({@code dsr_system_record}, as JSON). A run's outcome holds no personal data; the rows do, and go with the request's
 * personal data at retention.
 */
@Repository
public class SystemRunRepository {

    /** The run's operation: a search, or one of the confirmed actions. */
    public enum Kind { SEARCH, ERASE, RECTIFY, RESTRICT;

        static Kind of(Operation operation) {
            return switch (operation) {
                case ERASE -> ERASE;
                case RECTIFY -> RECTIFY;
                case RESTRICT -> RESTRICT;
            };
        }

        Optional<Operation> operation() {
            return switch (this) {
                case SEARCH -> Optional.empty();
                case ERASE -> Optional.of(Operation.ERASE);
                case RECTIFY -> Optional.of(Operation.RECTIFY);
                case RESTRICT -> Optional.of(Operation.RESTRICT);
            };
        }
    }

    /**
     * OPEN: a worker may take it; DONE: found or carried out; FAILED: given up (retries used, an incident); SKIPPED: not
     * to run (nothing to search by, nothing confirmed to change); ABANDONED: a search the department answered before it
     * finished (what it finds later is neither shown nor acted on).
     */
    public enum Status { OPEN, DONE, FAILED, SKIPPED, ABANDONED }

    public record Run(long id, long requestId, String department, String systemId, Kind kind, String category, Status status,
                      int attempts, boolean truncated, Integer affected, String outcome, Instant createdAt, Instant finishedAt) {

        /** Whether the run has its outcome (found or carried out, given up, or could not run). */
        public boolean settled() {
            return status != Status.OPEN;
        }
    }

    /**
     * A row a search found: its id (to exclude it), the category, the row as fields, whether the department excluded it,
     * and the action run that has done it (an HTTP action goes row by row), or null.
     */
    public record Row(long id, long runId, String category, Map<String, Object> fields, boolean excluded, Long actedInRun) {
    }

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    SystemRunRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long open(long requestId, String department, String systemId, Kind kind, String category, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_system_run (request_id, department, system_id, operation, category, status, created_at)
                        values (:requestId, :department, :systemId, :operation, :category, 'OPEN', :now)""")
                .param("requestId", requestId).param("department", department).param("systemId", systemId)
                .param("operation", kind.name()).param("category", category).param("now", Jdbc.utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Run> find(long id) {
        return jdbc.sql("select * from dsr_system_run where id = :id").param("id", id).query(this::run).optional();
    }

    /** The run, locked until the transaction ends: two workers never record one run twice. */
    Optional<Run> lock(long id) {
        return jdbc.sql("select * from dsr_system_run where id = :id for update").param("id", id).query(this::run).optional();
    }

    /** All runs of a request, oldest first. */
    public List<Run> ofRequest(long requestId) {
        return jdbc.sql("select * from dsr_system_run where request_id = :requestId order by id")
                .param("requestId", requestId).query(this::run).list();
    }

    List<Run> ofDepartment(long requestId, String department) {
        return jdbc.sql("select * from dsr_system_run where request_id = :requestId and department = :department order by id")
                .param("requestId", requestId).param("department", department).query(this::run).list();
    }

    /**
     * Locks the department's runs of the request (in id order, so two workers never deadlock): whoever settles the last
     * search sees the others settled, and only one of them opens the department's task.
     */
    List<Run> lockDepartment(long requestId, String department) {
        return jdbc.sql("select * from dsr_system_run where request_id = :requestId and department = :department order by id for update")
                .param("requestId", requestId).param("department", department).query(this::run).list();
    }

    void attempted(long id) {
        jdbc.sql("update dsr_system_run set attempts = attempts + 1 where id = :id").param("id", id).update();
    }

    void settle(long id, Status status, boolean truncated, Integer affected, String outcome, Instant now) {
        jdbc.sql("""
                        update dsr_system_run set status = :status, truncated = :truncated, affected = :affected, outcome = :outcome,
                            finished_at = :now where id = :id""")
                .param("status", status.name()).param("truncated", truncated).param("affected", affected)
                .param("outcome", outcome == null ? null : outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome)
                .param("now", Jdbc.utc(now)).param("id", id).update();
    }

    /** Replaces the rows of a search run (a search run again after its lock expired finds them again). */
    void replaceRows(long runId, long requestId, String category, List<Map<String, Object>> rows) {
        jdbc.sql("delete from dsr_system_record where run_id = :runId and category = :category")
                .param("runId", runId).param("category", category).update();
        int position = 0;
        for (Map<String, Object> row : rows) {
            jdbc.sql("""
                            insert into dsr_system_record (run_id, request_id, category, position, content)
                            values (:runId, :requestId, :category, :position, :content)""")
                    .param("runId", runId).param("requestId", requestId).param("category", category)
                    .param("position", position++).param("content", write(row)).update();
        }
    }

    public List<Row> rows(long runId) {
        return jdbc.sql("select * from dsr_system_record where run_id = :runId order by category, position")
                .param("runId", runId).query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("run_id"), rs.getString("category"),
                        read(rs.getString("content")), rs.getBoolean("excluded"),
                        rs.getObject("acted_in_run") == null ? null : rs.getLong("acted_in_run"))).list();
    }

    /**
     * The rows of the category that the department kept from its last finished search of the system, or empty when the
     * system has no finished search for the department (failed, abandoned, never run).
     */
    public Optional<List<Row>> keptRows(long requestId, String department, String systemId, String category) {
        return ofDepartment(requestId, department).stream()
                .filter(run -> run.kind() == Kind.SEARCH && run.systemId().equals(systemId) && run.status() == Status.DONE)
                .reduce((first, second) -> second)
                .map(search -> rows(search.id()).stream().filter(row -> row.category().equals(category) && !row.excluded()).toList());
    }

    /** An action run has done this row (committed at once: a retry goes on with the rows not yet done). */
    void acted(long rowId, long actionRunId) {
        jdbc.sql("update dsr_system_record set acted_in_run = :run where id = :id").param("run", actionRunId).param("id", rowId).update();
    }

    /** Marks a found row as not this person's (or takes that back); false when the row is not the request's. */
    boolean exclude(long requestId, long rowId, boolean excluded, String by) {
        return jdbc.sql("update dsr_system_record set excluded = :excluded, excluded_by = :by where id = :id and request_id = :requestId")
                .param("excluded", excluded).param("by", excluded ? by : null).param("id", rowId).param("requestId", requestId)
                .update() == 1;
    }

    /** The corrected values the department gave for a system's category, by field. */
    public Map<String, String> corrections(long requestId, String systemId, String category) {
        Map<String, String> values = new java.util.TreeMap<>();
        jdbc.sql("select field, corrected from dsr_system_correction where request_id = :requestId and system_id = :systemId and category = :category")
                .param("requestId", requestId).param("systemId", systemId).param("category", category)
                .query(rs -> {
                    values.put(rs.getString("field"), rs.getString("corrected"));
                });
        return values;
    }

    void correct(long requestId, String department, String systemId, String category, String field, String corrected, String by) {
        jdbc.sql("delete from dsr_system_correction where request_id = :requestId and system_id = :systemId and category = :category and field = :field")
                .param("requestId", requestId).param("systemId", systemId).param("category", category).param("field", field).update();
        if (corrected != null && !corrected.isBlank()) {
            jdbc.sql("""
                            insert into dsr_system_correction (request_id, department, system_id, category, field, corrected, given_by)
                            values (:requestId, :department, :systemId, :category, :field, :corrected, :by)""")
                    .param("requestId", requestId).param("department", department).param("systemId", systemId)
                    .param("category", category).param("field", field).param("corrected", corrected.strip()).param("by", by).update();
        }
    }

    private Run run(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Integer affected = rs.getObject("affected") == null ? null : rs.getInt("affected");
        return new Run(rs.getLong("id"), rs.getLong("request_id"), rs.getString("department"), rs.getString("system_id"),
                Kind.valueOf(rs.getString("operation")), rs.getString("category"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getBoolean("truncated"), affected, rs.getString("outcome"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "finished_at"));
    }

    private String write(Map<String, Object> row) {
        try {
            return json.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a found row could not be written as JSON", e);
        }
    }

    private Map<String, Object> read(String content) {
        try {
            return json.readValue(content, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row is not JSON", e);
        }
    }
}
