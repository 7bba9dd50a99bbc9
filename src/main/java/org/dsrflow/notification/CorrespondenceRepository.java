package org.dsrflow.notification;

import java.time.Instant;
import java.util.List;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every email sent for a request. */
@Repository
public class CorrespondenceRepository {

    private final JdbcClient jdbc;

    CorrespondenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recordSent(long requestId, EmailKind kind, String recipient, String language, String messageId, Instant sentAt) {
        jdbc.sql("""
                        insert into dsr_correspondence (request_id, kind, recipient, language, message_id, status, sent_at)
                        values (:requestId, :kind, :recipient, :language, :messageId, 'SENT', :sentAt)""")
                .param("requestId", requestId)
                .param("kind", kind.name())
                .param("recipient", recipient)
                .param("language", language)
                .param("messageId", messageId)
                .param("sentAt", Jdbc.utc(sentAt))
                .update();
    }

    public List<Entry> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_correspondence where request_id = :requestId order by sent_at, id")
                .param("requestId", requestId)
                .query((rs, row) -> new Entry(EmailKind.valueOf(rs.getString("kind")), rs.getString("recipient"),
                        rs.getString("language"), rs.getString("message_id"), rs.getString("status"),
                        Jdbc.instant(rs, "sent_at")))
                .list();
    }

    public record Entry(EmailKind kind, String recipient, String language, String messageId, String status,
                        Instant sentAt) {
    }
}
