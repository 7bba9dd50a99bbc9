package org.dsrflow.departments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The departments' files ({@code dsr_department_file}): what is known about each, and its encrypted content. */
@Repository
class DepartmentFileRepository {

    /** A stored file without its content. */
    record StoredFile(String id, long requestId, String taskId, String department, String category, String name, String type,
                      long size, String sha256, String uploadedBy, Instant uploadedAt) {
    }

    private final JdbcClient jdbc;

    DepartmentFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(StoredFile file, byte[] encrypted) {
        jdbc.sql("""
                        insert into dsr_department_file (id, request_id, task_id, department, category, name, media_type,
                            size_bytes, sha256, content, uploaded_by, uploaded_at)
                        values (:id, :requestId, :taskId, :department, :category, :name, :type, :size, :sha256, :content,
                            :uploadedBy, :uploadedAt)""")
                .param("id", file.id()).param("requestId", file.requestId()).param("taskId", file.taskId())
                .param("department", file.department()).param("category", file.category()).param("name", file.name())
                .param("type", file.type()).param("size", file.size()).param("sha256", file.sha256())
                .param("content", encrypted).param("uploadedBy", file.uploadedBy()).param("uploadedAt", Jdbc.utc(file.uploadedAt()))
                .update();
    }

    List<StoredFile> findByTask(String taskId) {
        return jdbc.sql(SELECT + " where task_id = :taskId order by uploaded_at, id").param("taskId", taskId)
                .query((rs, row) -> file(rs)).list();
    }

    Optional<StoredFile> find(String taskId, String id) {
        return jdbc.sql(SELECT + " where task_id = :taskId and id = :id").param("taskId", taskId).param("id", id)
                .query((rs, row) -> file(rs)).optional();
    }

    /**
     * Locks the request's row until the transaction ends: two uploads to one request at the same moment are checked
     * against the request's total one after the other, never both against the same old total.
     */
    void lockRequest(long requestId) {
        jdbc.sql("select id from dsr_request where id = :requestId for update").param("requestId", requestId)
                .query(Long.class).optional();
    }

    /** What the request's files hold together (plaintext bytes). */
    long totalSize(long requestId) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from dsr_department_file where request_id = :requestId")
                .param("requestId", requestId).query(Long.class).single();
    }

    boolean delete(String taskId, String id) {
        return jdbc.sql("delete from dsr_department_file where task_id = :taskId and id = :id")
                .param("taskId", taskId).param("id", id).update() == 1;
    }

    private static final String SELECT = "select id, request_id, task_id, department, category, name, media_type, size_bytes, "
            + "sha256, uploaded_by, uploaded_at from dsr_department_file";

    private static StoredFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredFile(rs.getString("id"), rs.getLong("request_id"), rs.getString("task_id"), rs.getString("department"),
                rs.getString("category"), rs.getString("name"), rs.getString("media_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("uploaded_by"), Jdbc.instant(rs, "uploaded_at"));
    }
}
