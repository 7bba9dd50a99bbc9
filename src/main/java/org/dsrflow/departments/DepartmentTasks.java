package org.dsrflow.departments;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What identifies each open department task (request, department, request type, the categories it
 * holds), copied from the engine when the task is created. Answers are checked and recorded
 * against this copy, so nothing a completion sends can change which request or department an
 * answer belongs to.
 */
@Repository
class DepartmentTasks {

    private final JdbcClient jdbc;

    DepartmentTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String taskId, Assignment assignment, Instant now) {
        jdbc.sql("""
                        insert into dsr_department_task (task_id, request_id, department, type, categories, created_at)
                        values (:taskId, :requestId, :department, :type, :categories, :now)""")
                .param("taskId", taskId)
                .param("requestId", assignment.requestId())
                .param("department", assignment.department())
                .param("type", assignment.type().name())
                .param("categories", String.join(",", assignment.categories()))
                .param("now", Jdbc.utc(now))
                .update();
    }

    Optional<Assignment> find(String taskId) {
        return jdbc.sql("select * from dsr_department_task where task_id = :taskId").param("taskId", taskId)
                .query((rs, row) -> new Assignment(rs.getLong("request_id"), rs.getString("department"),
                        RequestType.valueOf(rs.getString("type")), categories(rs.getString("categories"))))
                .optional();
    }

    void remove(String taskId) {
        jdbc.sql("delete from dsr_department_task where task_id = :taskId").param("taskId", taskId).update();
    }

    private static List<String> categories(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    /** A department's part in a request. */
    record Assignment(long requestId, String department, RequestType type, List<String> categories) {
    }
}
