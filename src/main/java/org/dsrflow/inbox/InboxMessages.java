package org.dsrflow.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsrflow.departments.FileEncryption;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code dsr_inbox_message}: each message read from a mailbox, recorded once; its raw MIME encrypted at rest. */
@Repository
class InboxMessages {

    /**
     * Where a message stands: waiting for the privacy team, or decided; or taken by a handler without a person: a reply
     * on its request, a bounce of one of our emails, an automatic reply (recorded, never answered).
     */
    enum Status { NEW, REGISTERED, ATTACHED, NOT_A_REQUEST, REPLY, BOUNCE, AUTO_REPLY }

    /** Who "decided" what a handler did with a message. */
    static final String DSR_FLOW = "dsr-flow";

    /** Why a message could not be read as one: the privacy team sees this on its task. */
    enum Problem { TOO_LARGE, MALFORMED, NO_SENDER, FAILED }

    /** A recorded message (its content only through {@link #rawMime}). */
    record Stored(long id, String mailboxId, long uidValidity, long uid, String messageId, String senderName, String senderAddress,
                  String subject, Instant receivedAt, long size, Problem problem, Status status, Long requestId, String decidedBy,
                  Instant decidedAt) {
    }

    /** What is recorded of a new message; {@code raw} null when it is not kept (too large). */
    record NewMessage(String mailboxId, long uidValidity, long uid, String messageId, String senderName, String senderAddress,
                      String subject, Instant receivedAt, long size, byte[] raw, Problem problem) {
    }

    private final JdbcClient jdbc;
    private final FileEncryption encryption;

    InboxMessages(JdbcClient jdbc, FileEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    boolean isRecorded(String mailboxId, long uidValidity, long uid) {
        return jdbc.sql("select count(*) from dsr_inbox_message where mailbox_id = ? and uid_validity = ? and uid = ?")
                .params(mailboxId, uidValidity, uid).query(Long.class).single() > 0;
    }

    /** Records the message; empty when it already was (another node, an earlier run): the unique key decides. */
    Optional<Long> record(NewMessage message, Instant now) {
        try {
            jdbc.sql("""
                    insert into dsr_inbox_message (mailbox_id, uid_validity, uid, message_id, sender_name, sender_address, subject,
                        received_at, size_bytes, problem, status, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?)""")
                    .params(message.mailboxId(), message.uidValidity(), message.uid(), cut(message.messageId(), 998),
                            cut(message.senderName(), 200), cut(message.senderAddress(), 254), cut(message.subject(), 998),
                            java.sql.Timestamp.from(message.receivedAt()), message.size(),
                            message.problem() == null ? null : message.problem().name(), java.sql.Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException alreadyRecorded) {
            return Optional.empty();
        }
        long id = jdbc.sql("select id from dsr_inbox_message where mailbox_id = ? and uid_validity = ? and uid = ?")
                .params(message.mailboxId(), message.uidValidity(), message.uid()).query(Long.class).single();
        if (message.raw() != null) {
            jdbc.sql("update dsr_inbox_message set raw_mime = ? where id = ?")
                    .params(encryption.encrypt(associatedData(id), message.raw()), id).update();
        }
        return Optional.of(id);
    }

    Optional<Stored> find(long id) {
        return jdbc.sql("""
                select id, mailbox_id, uid_validity, uid, message_id, sender_name, sender_address, subject, received_at, size_bytes,
                       problem, status, request_id, decided_by, decided_at
                from dsr_inbox_message where id = ? and erased_at is null""").param(id)
                .query((rs, row) -> new Stored(rs.getLong("id"), rs.getString("mailbox_id"), rs.getLong("uid_validity"),
                        rs.getLong("uid"), rs.getString("message_id"), rs.getString("sender_name"), rs.getString("sender_address"),
                        rs.getString("subject"), rs.getTimestamp("received_at").toInstant(), rs.getLong("size_bytes"),
                        rs.getString("problem") == null ? null : Problem.valueOf(rs.getString("problem")),
                        Status.valueOf(rs.getString("status")), (Long) rs.getObject("request_id", Long.class),
                        rs.getString("decided_by"),
                        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant()))
                .optional();
    }

    /** The message as it arrived (decrypted), when it was kept. */
    Optional<byte[]> rawMime(long id) {
        return jdbc.sql("select raw_mime from dsr_inbox_message where id = ? and erased_at is null").param(id)
                .query((rs, row) -> rs.getBytes(1)).optional()
                .filter(java.util.Objects::nonNull)
                .map(stored -> encryption.decrypt(associatedData(id), stored));
    }

    /** The messages linked to a request, oldest first (the request page lists them). */
    List<Stored> ofRequest(long requestId) {
        return jdbc.sql("select id from dsr_inbox_message where request_id = ? and erased_at is null order by received_at, id")
                .param(requestId).query(Long.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    void decide(long id, Status status, Long requestId, String decidedBy, Instant at) {
        jdbc.sql("update dsr_inbox_message set status = ?, request_id = ?, decided_by = ?, decided_at = ? where id = ?")
                .params(status.name(), requestId, decidedBy, java.sql.Timestamp.from(at), id).update();
    }

    private static String associatedData(long id) {
        return "inbox-message-" + id;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
