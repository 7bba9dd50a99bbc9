package org.dsrflow.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.dsrflow.config.Register;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.Jdbc;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenHash;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The emails of a transmission to another controller ({@link Transmissions}): the organisation's link is issued here, in the
 * email's own transaction (a random token held by the transmission, stored as its SHA-256 in {@code dsr_token} and on the
 * transmission's row), valid {@code dsr.transfers.link-validity} but never longer than the answer's documents; the
 * requester's confirmation says to whom it went and until when the link works.
 */
@Component
class TransmissionEmail implements EmailPreparation {

    private final DocumentService documents;
    private final TokenService tokens;
    private final PublicLinks links;
    private final Register register;
    private final TransmissionSettings settings;
    private final Clock clock;

    TransmissionEmail(DocumentService documents, TokenService tokens, PublicLinks links, Register register,
                      TransmissionSettings settings, Clock clock) {
        this.documents = documents;
        this.tokens = tokens;
        this.links = links;
        this.register = register;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.TRANSMISSION || kind == EmailKind.TRANSMISSION_CONFIRMATION;
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        long id = context.otherController().transmissionId();
        Instant now = clock.instant();
        Instant documentsExpire = documents.latest(request.id(), DocumentService.JSON).map(DocumentService.Document::expiresAt)
                .orElseThrow(() -> new IllegalStateException("request " + request.reference() + " has no portability package"));
        Instant expires = now.plus(settings.linkValidity()).isBefore(documentsExpire) ? now.plus(settings.linkValidity()) : documentsExpire;
        if (!now.isBefore(expires)) {
            throw new IllegalStateException("the documents of request " + request.reference() + " have expired");
        }
        if (email.kind() == EmailKind.TRANSMISSION) {
            String token = tokens.issue(db, request.id(), TokenPurpose.TRANSMISSION, Duration.between(now, expires), String.valueOf(id));
            db.sql("update dsr_transmission set token_hash = :hash, expires_at = :expires where id = :id")
                    .param("hash", TokenHash.sha256(token)).param("expires", Jdbc.utc(expires)).param("id", id).update();
            email.put("transferUrl", links.to("/transfer?token=" + token)).put("maxDownloads", settings.maxDownloads());
        } else {
            expires = db.sql("select expires_at from dsr_transmission where id = :id").param("id", id)
                    .query((rs, row) -> Jdbc.instant(rs, "expires_at")).optional().filter(java.util.Objects::nonNull).orElse(expires);
        }
        // The organisation reads the date in UTC (English, its zone unknown); the requester in the zone of the request's site.
        java.time.ZoneId zone = email.kind() == EmailKind.TRANSMISSION ? java.time.ZoneOffset.UTC
                : register.in(request.language().name()).site(request.site()).zone();
        email.put("linkExpires", LocalDate.ofInstant(expires, zone));
    }
}
