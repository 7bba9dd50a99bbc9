package org.dsrflow.departments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The privacy review's returns of a department's answer ({@code dsr_department_return}): the
 * department, what it must correct, who returned it when, and the answer as it stood then (the
 * corrected answer replaces it among the results).
 */
@Repository
public class DepartmentReturns {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DepartmentReturns(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One return; {@code returnedAnswer} is the department's answer as it was returned (empty object when none). */
    public record Return(String department, String comment, JsonNode returnedAnswer, String returnedBy, Instant returnedAt) {
    }

    /** Records a return decided now, with the department's current answer. */
    public void record(long requestId, String department, String comment, String returnedBy, Instant now) {
        jdbc.sql("""
                        insert into dsr_department_return (request_id, department, comment, returned_answer, returned_by, returned_at)
                        values (:requestId, :department, :comment,
                            (select max(details) from dsr_department_result where request_id = :requestId and department = :department),
                            :returnedBy, :now)""")
                .param("requestId", requestId)
                .param("department", department)
                .param("comment", comment)
                .param("returnedBy", returnedBy)
                .param("now", Jdbc.utc(now))
                .update();
    }

    /** Oldest first. */
    public List<Return> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_department_return where request_id = :requestId order by id")
                .param("requestId", requestId)
                .query((rs, row) -> new Return(rs.getString("department"), rs.getString("comment"),
                        parse(rs.getString("returned_answer")), rs.getString("returned_by"), Jdbc.instant(rs, "returned_at")))
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
