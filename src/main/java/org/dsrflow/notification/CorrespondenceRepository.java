package org.dsrflow.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every email of a request: what, to whom, in which language, when, with which
 * Message-ID, its status (SENDING, SENT, FAILED) and attempts. The idempotency key makes a send
 * that runs again (a retried or duplicated job) find its earlier result instead of sending twice.
 */
@Repository
public class CorrespondenceRepository {

    private final JdbcClient jdbc;

    CorrespondenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> findByKey(String key) {
        return jdbc.sql("select * from dsr_correspondence where idempotency_key = :key")
                .param("key", key).query(this::map).optional();
    }

    /** Records an attempt (a new row, or one more attempt of an unsent one); status SENDING. */
    void startAttempt(long requestId, String key, EmailKind kind, String recipient, String language, String messageId,
                      Instant now) {
        int updated = jdbc.sql("""
                        update dsr_correspondence set status = 'SENDING', attempts = attempts + 1, recipient = :recipient,
                            language = :language, message_id = :messageId, updated_at = :now
                        where idempotency_key = :key and status <> 'SENT'""")
                .param("recipient", recipient).param("language", language).param("messageId", messageId)
                .param("now", Jdbc.utc(now)).param("key", key)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into dsr_correspondence (request_id, idempotency_key, kind, recipient, language, message_id,
                                status, attempts, updated_at)
                            values (:requestId, :key, :kind, :recipient, :language, :messageId, 'SENDING', 1, :now)""")
                    .param("requestId", requestId).param("key", key).param("kind", kind.name())
                    .param("recipient", recipient).param("language", language).param("messageId", messageId)
                    .param("now", Jdbc.utc(now))
                    .update();
        }
    }

    void markSent(String key, Instant now) {
        jdbc.sql("update dsr_correspondence set status = 'SENT', sent_at = :now, updated_at = :now, last_error = null where idempotency_key = :key")
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    void markFailed(String key, String error, Instant now) {
        jdbc.sql("update dsr_correspondence set status = 'FAILED', last_error = :error, updated_at = :now where idempotency_key = :key")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    public List<Entry> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_correspondence where request_id = :requestId order by id")
                .param("requestId", requestId).query(this::map).list();
    }

    private Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(EmailKind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("language"),
                rs.getString("message_id"), rs.getString("status"), rs.getInt("attempts"), Jdbc.instant(rs, "sent_at"),
                Jdbc.instant(rs, "updated_at"), rs.getString("last_error"));
    }

    public record Entry(EmailKind kind, String recipient, String language, String messageId, String status, int attempts,
                        Instant sentAt, Instant updatedAt, String lastError) {
    }
}
