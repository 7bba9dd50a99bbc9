package org.dsrflow.departments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class DepartmentResultRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DepartmentResultRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a department's answer; a corrected answer (after the review returned it) replaces the earlier one. */
    @Transactional
    public void save(long requestId, String department, DepartmentOutcome outcome, JsonNode details,
                     String completedBy, Instant completedAt) {
        jdbc.sql("delete from dsr_department_result where request_id = :requestId and department = :department")
                .param("requestId", requestId).param("department", department).update();
        jdbc.sql("""
                        insert into dsr_department_result (request_id, department, outcome, details, completed_by, completed_at)
                        values (:requestId, :department, :outcome, :details, :completedBy, :completedAt)""")
                .param("requestId", requestId)
                .param("department", department)
                .param("outcome", outcome.name())
                .param("details", details.toString())
                .param("completedBy", completedBy)
                .param("completedAt", Jdbc.utc(completedAt))
                .update();
    }

    public List<DepartmentResult> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_department_result where request_id = :requestId order by department, id")
                .param("requestId", requestId)
                .query((rs, row) -> new DepartmentResult(rs.getString("department"),
                        DepartmentOutcome.valueOf(rs.getString("outcome")), parse(rs.getString("details")),
                        rs.getString("completed_by"), Jdbc.instant(rs, "completed_at")))
                .list();
    }

    private JsonNode parse(String details) {
        try {
            return json.readTree(details == null ? "{}" : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored department answer is not JSON", e);
        }
    }
}
