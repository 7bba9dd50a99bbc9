package org.dsrflow.verification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks the secrets of a request: the requester's, and the links of the processors and
 * recipients asked to act on it (their holder is the party). A secret is 256 random bits, shown to its
 * holder once; only its SHA-256 is stored, so a copy of the database opens nothing.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    TokenService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Issues a new secret for the request; {@code validity} null means it never expires. */
    @Transactional
    public String issue(long requestId, TokenPurpose purpose, Duration validity) {
        return issue(jdbc, requestId, purpose, validity);
    }

    /** The same, written through {@code db} (e.g. an email's own transaction, see notification/DeliveryDatabase). */
    public String issue(JdbcClient db, long requestId, TokenPurpose purpose, Duration validity) {
        return issue(db, requestId, purpose, validity, null);
    }

    /** A secret held by someone other than the requester ({@code holder}: e.g. a party's register id). */
    public String issue(JdbcClient db, long requestId, TokenPurpose purpose, Duration validity, String holder) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        db.sql("""
                        insert into dsr_token (request_id, purpose, token_hash, created_at, expires_at, holder)
                        values (:requestId, :purpose, :hash, :now, :expiresAt, :holder)""")
                .param("requestId", requestId)
                .param("purpose", purpose.name())
                .param("hash", hash(token))
                .param("now", Jdbc.utc(now))
                .param("expiresAt", validity == null ? null : Jdbc.utc(now.plus(validity)))
                .param("holder", holder)
                .update();
        return token;
    }

    /** Looks a secret up without using it. Unknown, malformed and wrong-purpose secrets all look the same: empty. */
    public Optional<TokenState> find(String token, TokenPurpose purpose) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return jdbc.sql("select request_id, expires_at, used_at, holder from dsr_token where token_hash = :hash and purpose = :purpose")
                .param("hash", hash(token))
                .param("purpose", purpose.name())
                .query((rs, row) -> new TokenState(rs.getLong("request_id"),
                        Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "used_at"), clock.instant(), rs.getString("holder")))
                .optional();
    }

    /**
     * Marks a single-use secret as used. Returns false when it was already used (also by a
     * concurrent request: the update is conditional).
     */
    public boolean use(String token, TokenPurpose purpose) {
        return jdbc.sql("update dsr_token set used_at = :now where token_hash = :hash and purpose = :purpose and used_at is null")
                .param("now", Jdbc.utc(clock.instant()))
                .param("hash", hash(token))
                .param("purpose", purpose.name())
                .update() == 1;
    }

    /** Marks every unused secret of the request with this purpose as used (e.g. a reminder's second reply link). */
    public void useAll(long requestId, TokenPurpose purpose) {
        jdbc.sql("update dsr_token set used_at = :now where request_id = :requestId and purpose = :purpose and used_at is null")
                .param("now", Jdbc.utc(clock.instant()))
                .param("requestId", requestId)
                .param("purpose", purpose.name())
                .update();
    }

    /** The same for the secrets of one holder (e.g. every link of a party that answered). */
    public void useAll(long requestId, TokenPurpose purpose, String holder) {
        jdbc.sql("""
                        update dsr_token set used_at = :now
                        where request_id = :requestId and purpose = :purpose and holder = :holder and used_at is null""")
                .param("now", Jdbc.utc(clock.instant()))
                .param("requestId", requestId)
                .param("purpose", purpose.name())
                .param("holder", holder)
                .update();
    }

    static String hash(String token) {
        return TokenHash.sha256(token);
    }

    /** A stored secret as seen at {@code now}; {@code holder} null for the requester's. */
    public record TokenState(long requestId, Instant expiresAt, Instant usedAt, Instant now, String holder) {

        public boolean isExpired() {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        public boolean isUsed() {
            return usedAt != null;
        }
    }
}
