package org.dsrflow.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.dsrflow.departments.FileEncryption;
import org.dsrflow.departments.FileInspection;
import org.dsrflow.support.Jdbc;
import org.dsrflow.verification.IdentityDecisionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The requester's identity evidence: checked (type from the content with Tika, images and PDF only; count and sizes),
 * stored encrypted with the departments' files' key in {@code dsr_identity_evidence}, read by the privacy team, and
 * deleted in the transaction that records the identity check's outcome, leaving only how many files there were and
 * when they went. Held for one decision only: a "we need more" decision ends the earlier files too, since the team
 * has looked at them and asks for what is still missing (storage limitation, Art. 5(1)(e)). Logs ids only.
 * <p>
 * Why so short-lived: EDPB Guidelines 01/2022 on the right of access, section 3.3 (proportionality of identification):
 * collect no more than identification needs (§69 in v1.0); an ID may be proportionate for special-category data (§77);
 * where one is used, safeguards such as deleting the copy immediately after the successful verification (§78). Read in
 * a secondary copy of the v1.0 text; the v2.1 numbers were not checked (IdentityCheckRecorder cites §79 of v2.1).
 */
@Service
public class IdentityEvidence {

    private static final Logger log = LoggerFactory.getLogger(IdentityEvidence.class);

    /** What a requester may send: images a browser shows, and PDF. */
    static final Set<String> ALLOWED = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp");

    /** A file as the requester sent it. */
    public record Incoming(String name, byte[] content) {
    }

    /** A stored file, without its content. */
    public record StoredEvidence(String id, long replyId, String name, String type, long size, String sha256, Instant uploadedAt) {
    }

    /** What is left of deleted evidence: how many files, the outcome that ended them, when. */
    public record Deletion(int files, String outcome, Instant deletedAt) {

        /** "3 files of identity evidence, deleted on 2026-12-07 10:15 UTC (identity check: verified)", for staff pages. */
        public String text() {
            return files + (files == 1 ? " file" : " files") + " of identity evidence, deleted on "
                    + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(deletedAt)
                    + " (identity check: " + outcome.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        }
    }

    private final JdbcClient jdbc;
    private final FileInspection inspection;
    private final FileEncryption encryption;
    private final EvidenceSettings settings;
    private final Clock clock;

    IdentityEvidence(JdbcClient jdbc, FileInspection inspection, FileEncryption encryption, EvidenceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.inspection = inspection;
        this.encryption = encryption;
        this.settings = settings;
        this.clock = clock;
    }

    public int maxFiles() {
        return settings.maxFiles();
    }

    public String maxFileSize() {
        return EvidenceSettings.text(settings.maxFileSize());
    }

    public String maxReplySize() {
        return EvidenceSettings.text(settings.maxReplySize());
    }

    /** A body longer than this is refused before it is read: the reply's files and room for the text and the form. */
    public long maxBodyBytes() {
        return settings.maxReplySize().toBytes() + 64 * 1024;
    }

    /** Every file of a reply checked, before anything is stored; the first problem found is thrown. */
    public void check(List<Incoming> files) {
        if (files.size() > settings.maxFiles()) {
            throw new EvidenceRefused(EvidenceRefused.Problem.TOO_MANY_FILES, null);
        }
        long total = 0;
        for (Incoming file : files) {
            if (file.content().length == 0) {
                throw new EvidenceRefused(EvidenceRefused.Problem.EMPTY_FILE, file.name());
            }
            if (file.content().length > settings.maxFileSize().toBytes()) {
                throw new EvidenceRefused(EvidenceRefused.Problem.FILE_TOO_LARGE, file.name());
            }
            total += file.content().length;
            if (!ALLOWED.contains(inspection.detect(file.content(), inspection.safeName(file.name())))) {
                throw new EvidenceRefused(EvidenceRefused.Problem.TYPE_NOT_ACCEPTED, file.name());
            }
        }
        if (total > settings.maxReplySize().toBytes()) {
            throw new EvidenceRefused(EvidenceRefused.Problem.REPLY_TOO_LARGE, null);
        }
    }

    /** Stores the reply's files (checked again), in the caller's transaction. */
    public void store(long requestId, long replyId, List<Incoming> files) {
        check(files);
        for (Incoming file : files) {
            String id = UUID.randomUUID().toString();
            String name = inspection.safeName(file.name());
            jdbc.sql("""
                            insert into dsr_identity_evidence (id, request_id, reply_id, name, media_type, size_bytes, sha256, content, uploaded_at)
                            values (:id, :requestId, :replyId, :name, :type, :size, :sha256, :content, :now)""")
                    .param("id", id).param("requestId", requestId).param("replyId", replyId).param("name", name)
                    .param("type", inspection.detect(file.content(), name)).param("size", (long) file.content().length)
                    .param("sha256", sha256(file.content())).param("content", encryption.encrypt(id, file.content()))
                    .param("now", Jdbc.utc(clock.instant()))
                    .update();
            log.info("Identity evidence {} stored for request id {}", id, requestId);
        }
    }

    /** The request's files still held, oldest first. */
    public List<StoredEvidence> of(long requestId) {
        return jdbc.sql("""
                        select id, reply_id, name, media_type, size_bytes, sha256, uploaded_at from dsr_identity_evidence
                        where request_id = :requestId order by uploaded_at, name, id""")
                .param("requestId", requestId)
                .query((rs, row) -> new StoredEvidence(rs.getString("id"), rs.getLong("reply_id"), rs.getString("name"),
                        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"), Jdbc.instant(rs, "uploaded_at")))
                .list();
    }

    /** One file of the request, decrypted; 404 when it is not (or no longer) held. */
    StoredEvidence describe(long requestId, String id) {
        return of(requestId).stream().filter(file -> file.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such file of identity evidence (deleted once "
                        + "the identity decision was recorded?)"));
    }

    byte[] content(long requestId, String id) {
        byte[] stored = jdbc.sql("select content from dsr_identity_evidence where request_id = :requestId and id = :id")
                .param("requestId", requestId).param("id", id).query((rs, row) -> rs.getBytes(1)).optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such file of identity evidence"));
        return encryption.decrypt(id, stored);
    }

    /** The traces of deleted evidence, oldest first. */
    public List<Deletion> deletions(long requestId) {
        return jdbc.sql("select files, outcome, deleted_at from dsr_identity_evidence_deletion where request_id = :requestId order by id")
                .param("requestId", requestId)
                .query((rs, row) -> new Deletion(rs.getInt("files"), rs.getString("outcome"), Jdbc.instant(rs, "deleted_at")))
                .list();
    }

    /** The identity decision is recorded: the files before the team are deleted now, in the same transaction. */
    @EventListener
    void decided(IdentityDecisionRecorded decision) {
        int deleted = jdbc.sql("delete from dsr_identity_evidence where request_id = :requestId")
                .param("requestId", decision.requestId()).update();
        if (deleted > 0) {
            jdbc.sql("""
                            insert into dsr_identity_evidence_deletion (request_id, files, outcome, deleted_at)
                            values (:requestId, :files, :outcome, :now)""")
                    .param("requestId", decision.requestId()).param("files", deleted).param("outcome", decision.outcome())
                    .param("now", Jdbc.utc(clock.instant()))
                    .update();
            log.info("Identity evidence of request id {} deleted: {} files, identity check {}", decision.requestId(), deleted,
                    decision.outcome());
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
