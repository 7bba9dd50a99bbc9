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

    /** The files the department attached to the task (not the privacy team's redacted versions). */
    List<StoredFile> findByTask(String taskId) {
        return jdbc.sql(SELECT + " where task_id = :taskId and redaction_of is null order by uploaded_at, id").param("taskId", taskId)
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
        jdbc.sql("delete from dsr_department_file where redaction_of = :id").param("id", id).update();
        return jdbc.sql("delete from dsr_department_file where task_id = :taskId and id = :id and redaction_of is null")
                .param("taskId", taskId).param("id", id).update() == 1;
    }

    /** A department's file with the privacy team's decision and, where it replaced the file, the redacted version. */
    record ReviewRow(StoredFile file, String decision, String reason, String decidedBy, Instant decidedAt, StoredFile redaction) {
    }

    /** Every file the departments attached to the request, with the decision on it and its redacted version, in the order attached. */
    List<ReviewRow> reviewRows(long requestId) {
        java.util.Map<String, StoredFile> redactions = new java.util.HashMap<>();
        jdbc.sql("select " + COLUMNS + ", redaction_of from dsr_department_file where request_id = :requestId and redaction_of is not null")
                .param("requestId", requestId)
                .query((rs, row) -> java.util.Map.entry(rs.getString("redaction_of"), file(rs))).list()
                .forEach(entry -> redactions.put(entry.getKey(), entry.getValue()));
        return jdbc.sql("select " + COLUMNS + ", decision, decision_reason, decided_by, decided_at from dsr_department_file "
                        + "where request_id = :requestId and redaction_of is null order by uploaded_at, id")
                .param("requestId", requestId)
                .query((rs, row) -> new ReviewRow(file(rs), rs.getString("decision"), rs.getString("decision_reason"),
                        rs.getString("decided_by"), Jdbc.instant(rs, "decided_at"), redactions.get(rs.getString("id"))))
                .list();
    }

    /** Any file (original or redacted version) of the request, without its content. */
    Optional<StoredFile> findInRequest(long requestId, String id) {
        return jdbc.sql(SELECT + " where request_id = :requestId and id = :id").param("requestId", requestId).param("id", id)
                .query((rs, row) -> file(rs)).optional();
    }

    /** The encrypted content of one of the request's files. */
    Optional<byte[]> content(long requestId, String id) {
        return jdbc.sql("select content from dsr_department_file where request_id = :requestId and id = :id")
                .param("requestId", requestId).param("id", id).query((rs, row) -> rs.getBytes("content")).optional();
    }

    boolean decide(long requestId, String id, String decision, String reason, String decidedBy, Instant decidedAt) {
        return jdbc.sql("""
                        update dsr_department_file set decision = :decision, decision_reason = :reason, decided_by = :decidedBy,
                            decided_at = :decidedAt
                        where request_id = :requestId and id = :id and redaction_of is null""")
                .param("decision", decision).param("reason", reason).param("decidedBy", decidedBy)
                .param("decidedAt", Jdbc.utc(decidedAt)).param("requestId", requestId).param("id", id).update() == 1;
    }

    /** How many of the request's files still wait for the privacy team's decision. */
    long undecided(long requestId) {
        return jdbc.sql("select count(*) from dsr_department_file where request_id = :requestId and redaction_of is null and decision is null")
                .param("requestId", requestId).query(Long.class).single();
    }

    /** Whether the request's answer has been sent (its documents stored). */
    boolean answered(long requestId) {
        return jdbc.sql("select count(*) from dsr_document where request_id = :requestId").param("requestId", requestId)
                .query(Long.class).single() > 0;
    }

    /** Removes the redacted version of a file, if it has one. */
    void deleteRedaction(String originalId) {
        jdbc.sql("delete from dsr_department_file where redaction_of = :id").param("id", originalId).update();
    }

    void saveRedaction(StoredFile file, byte[] encrypted, String originalId) {
        save(file, encrypted);
        jdbc.sql("update dsr_department_file set redaction_of = :original where id = :id").param("original", originalId)
                .param("id", file.id()).update();
    }

    private static final String COLUMNS = "id, request_id, task_id, department, category, name, media_type, size_bytes, "
            + "sha256, uploaded_by, uploaded_at";
    private static final String SELECT = "select " + COLUMNS + " from dsr_department_file";

    private static StoredFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredFile(rs.getString("id"), rs.getLong("request_id"), rs.getString("task_id"), rs.getString("department"),
                rs.getString("category"), rs.getString("name"), rs.getString("media_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("uploaded_by"), Jdbc.instant(rs, "uploaded_at"));
    }
}
