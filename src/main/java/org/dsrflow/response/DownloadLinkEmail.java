package org.dsrflow.response;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.dsrflow.config.Register;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The new download link the requester asked for on the status page ({@link DownloadLinks}): a new
 * random token (stored as its SHA-256, like every link) for the documents already stored, valid no
 * longer than they are.
 */
@Component
class DownloadLinkEmail implements EmailPreparation {

    private final DocumentService documents;
    private final TokenService tokens;
    private final PublicLinks links;
    private final Register register;
    private final Clock clock;

    DownloadLinkEmail(DocumentService documents, TokenService tokens, PublicLinks links, Register register, Clock clock) {
        this.documents = documents;
        this.tokens = tokens;
        this.links = links;
        this.register = register;
        this.clock = clock;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.DOWNLOAD_LINK;
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        DocumentService.Document report = documents.latest(request.id(), DocumentService.HTML)
                .orElseThrow(() -> new IllegalStateException("request " + request.reference() + " has no documents to download"));
        Duration left = Duration.between(clock.instant(), report.expiresAt());
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("the documents of request " + request.reference() + " have expired");
        }
        String token = tokens.issue(db, request.id(), TokenPurpose.DOWNLOAD, left);
        email.put("reportUrl", links.to("/download?token=" + token))
                .put("linksExpire", LocalDate.ofInstant(report.expiresAt(),
                        register.in(request.language().name()).site(request.site()).zone()));
    }
}
