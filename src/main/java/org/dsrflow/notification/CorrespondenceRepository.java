package org.dsrflow.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of every email of a request: what, to whom, in which language, when, with which
 * Message-ID, its status (SENDING, SENT, FAILED) and attempts. The idempotency key makes a send
 * that runs again (a retried or duplicated job, another node) find its earlier result instead of
 * sending twice; a claim (who, until when) lets one sender at a time work on an email. Writes go
 * through {@link DeliveryDatabase}: they must commit while the send task's job is still open.
 */
@Repository
public class CorrespondenceRepository {

    private final JdbcClient jdbc;
    private final DeliveryDatabase delivery;

    CorrespondenceRepository(JdbcClient jdbc, DeliveryDatabase delivery) {
        this.jdbc = jdbc;
        this.delivery = delivery;
    }

    Optional<Entry> findByKey(String key) {
        return delivery.jdbc().sql("select * from dsr_correspondence where idempotency_key = :key")
                .param("key", key).query(this::map).optional();
    }

    /**
     * Claims the email for one attempt by {@code node} until {@code until} (a new row, or one more
     * attempt of an unsent one whose earlier claim has ended). SENT when it was sent already, BUSY
     * when another sender holds a live claim.
     */
    Claim claim(JdbcClient db, long requestId, String key, EmailKind kind, String recipient, String language,
                String messageId, String node, Instant now, Instant until) {
        int updated = db.sql("""
                        update dsr_correspondence set status = 'SENDING', attempts = attempts + 1, recipient = :recipient,
                            language = :language, message_id = :messageId, updated_at = :now,
                            claimed_by = :node, claimed_until = :until
                        where idempotency_key = :key and status not in ('SENT', 'BOUNCED')
                            and (status <> 'SENDING' or claimed_until is null or claimed_until < :now)""")
                .param("recipient", recipient).param("language", language).param("messageId", messageId)
                .param("now", Jdbc.utc(now)).param("node", node).param("until", Jdbc.utc(until)).param("key", key)
                .update();
        if (updated == 1) {
            return Claim.CLAIMED;
        }
        String status = db.sql("select status from dsr_correspondence where idempotency_key = :key")
                .param("key", key).query(String.class).optional().orElse(null);
        if (status != null) {
            // A bounced email was sent: never sent again by a retry (the privacy team decides what to do).
            return "SENT".equals(status) || BOUNCED.equals(status) ? Claim.SENT : Claim.BUSY;
        }
        try {
            db.sql("""
                            insert into dsr_correspondence (request_id, idempotency_key, kind, recipient, language, message_id,
                                status, attempts, updated_at, claimed_by, claimed_until)
                            values (:requestId, :key, :kind, :recipient, :language, :messageId, 'SENDING', 1, :now, :node, :until)""")
                    .param("requestId", requestId).param("key", key).param("kind", kind.name())
                    .param("recipient", recipient).param("language", language).param("messageId", messageId)
                    .param("now", Jdbc.utc(now)).param("node", node).param("until", Jdbc.utc(until))
                    .update();
            return Claim.CLAIMED;
        } catch (DuplicateKeyException concurrent) {
            return Claim.BUSY;
        }
    }

    /**
     * A requester email of a request without an email address (a letter or a call): it goes by post, which the
     * privacy team sees in the correspondence log. Recorded once per email, whatever retries run.
     */
    void recordByPost(long requestId, String key, EmailKind kind, String language, Instant now) {
        try {
            jdbc.sql("""
                            insert into dsr_correspondence (request_id, idempotency_key, kind, recipient, language, status,
                                attempts, updated_at)
                            values (:requestId, :key, :kind, :recipient, :language, 'BY_POST', 0, :now)""")
                    .param("requestId", requestId).param("key", key).param("kind", kind.name()).param("recipient", BY_POST)
                    .param("language", language).param("now", Jdbc.utc(now)).update();
        } catch (DuplicateKeyException alreadyRecorded) {
            // the same email again (a retried job): once is enough
        }
    }

    /** The recipient shown for an email that goes by post. */
    public static final String BY_POST = "(by post: no email address)";

    /** Recorded as sent (committed at once), before the server is given the end of the message. */
    void markSent(String key, Instant now) {
        delivery.jdbc().sql("""
                        update dsr_correspondence set status = 'SENT', sent_at = :now, updated_at = :now, last_error = null,
                            claimed_until = null
                        where idempotency_key = :key and status not in ('SENT', 'BOUNCED')""")
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    /** The server confirmed it took the message (250 to the end of data). */
    void markConfirmed(String key, Instant now) {
        delivery.jdbc().sql("update dsr_correspondence set confirmed_at = :now where idempotency_key = :key")
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    /**
     * Not sent (also after "sent" was recorded, when the server then refused the message): it will be
     * retried. Never for an email the server confirmed.
     */
    void markFailed(String key, String error, Instant now) {
        delivery.jdbc().sql("""
                        update dsr_correspondence set status = 'FAILED', sent_at = null, last_error = :error, updated_at = :now,
                            claimed_until = null
                        where idempotency_key = :key and confirmed_at is null""")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    /** Sent, but the server never answered the end of the message: not sent again, shown as unconfirmed. */
    void markUnconfirmed(String key, String error, Instant now) {
        delivery.jdbc().sql("update dsr_correspondence set last_error = :error, updated_at = :now where idempotency_key = :key")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("now", Jdbc.utc(now)).param("key", key).update();
    }

    /** Emails recorded as sent whose acceptance the server never confirmed, sent before {@code before}. */
    public long countUnconfirmed(Instant before) {
        return jdbc.sql("select count(*) from dsr_correspondence where confirmed_at is null and status = 'SENT' and sent_at < :before")
                .param("before", Jdbc.utc(before)).query(Long.class).single();
    }

    /** At start-up: claims of this node's earlier run (which died) end now, so its retries send at once. */
    public int releaseClaimsOf(String node) {
        return jdbc.sql("update dsr_correspondence set claimed_until = null where claimed_by = :node and status = 'SENDING'")
                .param("node", node).update();
    }

    public List<Entry> findByRequest(long requestId) {
        return jdbc.sql("select * from dsr_correspondence where request_id = :requestId order by id")
                .param("requestId", requestId).query(this::map).list();
    }

    /** The status of an email that was sent and came back undelivered (a delivery status notification). */
    public static final String BOUNCED = "BOUNCED";

    /**
     * The sent email (SENT or BOUNCED) with one of these Message-IDs ({@code <...>}, as in In-Reply-To or References):
     * a message from a mailbox that names it is about its request. The first one named that is ours.
     */
    public Optional<Sent> findSent(java.util.List<String> messageIds) {
        for (String messageId : messageIds) {
            Optional<Sent> sent = jdbc.sql("""
                            select id, request_id, kind, status from dsr_correspondence
                            where message_id = :messageId and status in ('SENT', 'BOUNCED') order by id""")
                    .param("messageId", messageId)
                    .query((rs, row) -> new Sent(rs.getLong("id"), rs.getLong("request_id"), EmailKind.valueOf(rs.getString("kind")),
                            rs.getString("status")))
                    .list().stream().findFirst();
            if (sent.isPresent()) {
                return sent;
            }
        }
        return Optional.empty();
    }

    /** Whether any email of ours carried this Message-ID, whatever became of it (a copy of our own email came back). */
    public boolean isOurs(String messageId) {
        return messageId != null && jdbc.sql("select count(*) from dsr_correspondence where message_id = :messageId")
                .param("messageId", messageId).query(Long.class).single() > 0;
    }

    /**
     * A delivery status notification said the email failed for good: BOUNCED, with its status code, the diagnostic as
     * the remote server wrote it, and when. A bounced email is never counted as delivered nor sent again. False when it
     * was not SENT (bounced already).
     */
    public boolean markBounced(long id, String status, String diagnostic, Instant at) {
        return jdbc.sql("""
                        update dsr_correspondence set status = 'BOUNCED', bounced_at = :at, bounce_status = :code,
                            bounce_diagnostic = :diagnostic, updated_at = :at
                        where id = :id and status = 'SENT'""")
                .param("at", Jdbc.utc(at)).param("code", cut(status, 16)).param("diagnostic", cut(diagnostic, 1000))
                .param("id", id).update() == 1;
    }

    /** A delivery status notification said delivery is delayed (the server still tries): noted, nothing else changes. */
    public void noteDelayed(long id, Instant at) {
        jdbc.sql("update dsr_correspondence set delay_noted_at = :at where id = :id").param("at", Jdbc.utc(at)).param("id", id).update();
    }

    /** An automatic reply (out of office) came back to the email: noted, never answered. */
    public void noteAutoReply(long id, Instant at) {
        jdbc.sql("update dsr_correspondence set auto_reply_at = :at where id = :id").param("at", Jdbc.utc(at)).param("id", id).update();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(EmailKind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("language"),
                rs.getString("message_id"), rs.getString("status"), rs.getInt("attempts"), Jdbc.instant(rs, "sent_at"),
                Jdbc.instant(rs, "updated_at"), rs.getString("last_error"), Jdbc.instant(rs, "confirmed_at"),
                Jdbc.instant(rs, "bounced_at"), rs.getString("bounce_status"), rs.getString("bounce_diagnostic"),
                Jdbc.instant(rs, "delay_noted_at"), Jdbc.instant(rs, "auto_reply_at"));
    }

    /** A sent email as a message that refers to it finds it. */
    public record Sent(long id, long requestId, EmailKind kind, String status) {
    }

    enum Claim { CLAIMED, SENT, BUSY }

    public record Entry(EmailKind kind, String recipient, String language, String messageId, String status, int attempts,
                        Instant sentAt, Instant updatedAt, String lastError, Instant confirmedAt, Instant bouncedAt,
                        String bounceStatus, String bounceDiagnostic, Instant delayNotedAt, Instant autoReplyAt) {

        /** Sent and not known to have bounced: what counts as delivered. */
        public boolean delivered() {
            return "SENT".equals(status) && sentAt != null;
        }
    }
}
