package org.dsrflow.departments;

import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DepartmentResultRepository {

    private final JdbcClient jdbc;

    DepartmentResultRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long requestId, String department, DepartmentOutcome outcome, String report,
                       String completedBy, Instant completedAt) {
        jdbc.sql("""
                        insert into dsr_department_result (request_id, department, outcome, report, completed_by, completed_at)
                        values (:requestId, :department, :outcome, :report, :completedBy, :completedAt)""")
                .param("requestId", requestId)
                .param("department", department)
                .param("outcome", outcome.name())
                .param("report", report)
                .param("completedBy", completedBy)
                .param("completedAt", Jdbc.utc(completedAt))
                .update();
    }

    public List<DepartmentResult> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_department_result where request_id = :requestId order by department, id")
                .param("requestId", requestId)
                .query((rs, row) -> new DepartmentResult(rs.getString("department"),
                        DepartmentOutcome.valueOf(rs.getString("outcome")), rs.getString("report"),
                        rs.getString("completed_by"), Jdbc.instant(rs, "completed_at")))
                .list();
    }
}
