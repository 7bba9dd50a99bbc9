package org.dsrflow.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.notification.CorrespondenceService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time code a download asks for before an answer with special-category data (Art. 9; or every answer, or none:
 * {@code dsr.response.download-code}) is handed over: six random digits emailed to the request's address, kept only as a
 * SHA-256 (with the request's id), valid for {@link #VALID} and once, with at most {@link #TRIES} tries; at most
 * {@link #PER_HOUR} codes an hour per request. What the code guards against: a download link that reached someone else
 * (a forwarded email, a shared mailbox's preview, a scanner) does not open the data by itself. Never logs a code.
 */
@Service
public class DownloadCodes {

    static final Duration VALID = Duration.ofMinutes(15);
    static final int TRIES = 5;
    static final int PER_HOUR = 5;

    public enum Sent { SENT, LIMIT }

    public enum Checked { RIGHT, WRONG, EXPIRED, TOO_MANY_TRIES }

    private final JdbcClient jdbc;
    private final DocumentService documents;
    private final CorrespondenceService mail;
    private final CorrespondenceRepository correspondence;
    private final DsrProperties.Response settings;
    private final ObjectMapper json;
    private final Clock clock;

    DownloadCodes(JdbcClient jdbc, DocumentService documents, CorrespondenceService mail, CorrespondenceRepository correspondence,
                  DsrProperties properties, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.mail = mail;
        this.correspondence = correspondence;
        this.settings = properties.response();
        this.json = json;
        this.clock = clock;
    }

    /** Whether downloading this request's answer asks for a code first: by the setting, and for special categories by the answer itself. */
    public boolean required(long requestId) {
        return switch (settings.downloadCode()) {
            case ALL -> true;
            case NONE -> false;
            case SPECIAL_CATEGORIES -> documents.latest(requestId, DocumentService.JSON).map(this::hasSpecialCategoryData).orElse(false);
        };
    }

    private boolean hasSpecialCategoryData(DocumentService.Document export) {
        try {
            for (JsonNode section : json.readTree(export.content()).path("categories")) {
                if (section.path("specialCategory").asBoolean(false)) {
                    return true;
                }
            }
            return false;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return true; // unreadable: ask for the code rather than hand over unguarded
        }
    }

    /** Emails a new code (synchronously, in the email's own transaction), unless this request had {@link #PER_HOUR} this hour. */
    public Sent send(DsrRequest request) {
        long lastHour = jdbc.sql("select count(*) from dsr_download_code where request_id = :id and created_at > :since")
                .param("id", request.id()).param("since", Jdbc.utc(clock.instant().minus(Duration.ofHours(1)))).query(Long.class).single();
        if (lastHour >= PER_HOUR) {
            return Sent.LIMIT;
        }
        long sent = correspondence.findByRequest(request.id()).stream().filter(entry -> entry.kind() == EmailKind.DOWNLOAD_CODE).count();
        mail.send(request, EmailKind.DOWNLOAD_CODE, new EmailContext(null, null, null, null, false),
                "download-code:" + request.id() + ":" + (sent + 1));
        return Sent.SENT;
    }

    /** Checks a code against the request's latest one; a right code is used up. */
    @Transactional
    public Checked check(long requestId, String code) {
        Optional<Code> latest = jdbc.sql("""
                        select id, code_hash, expires_at, attempts, used_at from dsr_download_code where request_id = :id
                        order by id desc fetch first 1 rows only""")
                .param("id", requestId)
                .query((rs, row) -> new Code(rs.getLong("id"), rs.getString("code_hash"), Jdbc.instant(rs, "expires_at"),
                        rs.getInt("attempts"), Jdbc.instant(rs, "used_at")))
                .optional();
        if (latest.isEmpty() || latest.get().usedAt() != null || !clock.instant().isBefore(latest.get().expiresAt())) {
            return Checked.EXPIRED;
        }
        if (latest.get().attempts() >= TRIES) {
            return Checked.TOO_MANY_TRIES;
        }
        jdbc.sql("update dsr_download_code set attempts = attempts + 1 where id = :id").param("id", latest.get().id()).update();
        String given = code == null ? "" : code.replaceAll("\\s", "");
        boolean right = MessageDigest.isEqual(hash(requestId, given).getBytes(StandardCharsets.US_ASCII),
                latest.get().hash().getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            return latest.get().attempts() + 1 >= TRIES ? Checked.TOO_MANY_TRIES : Checked.WRONG;
        }
        jdbc.sql("update dsr_download_code set used_at = :now where id = :id").param("now", Jdbc.utc(clock.instant()))
                .param("id", latest.get().id()).update();
        return Checked.RIGHT;
    }

    static String hash(long requestId, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((requestId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Code(long id, String hash, Instant expiresAt, int attempts, Instant usedAt) {
    }
}
