package org.dsrflow.response;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The email with a one-time download code ({@link DownloadCodes}): the code is made and stored (hashed) with the email. */
@Component
class DownloadCodeEmail implements EmailPreparation {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    DownloadCodeEmail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.DOWNLOAD_CODE;
    }

    /** The code is made here, in the email's transaction: stored (hashed) only if the email is written. */
    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Instant now = clock.instant();
        db.sql("""
                        insert into dsr_download_code (request_id, code_hash, created_at, expires_at, attempts)
                        values (:id, :hash, :now, :expires, 0)""")
                .param("id", request.id()).param("hash", DownloadCodes.hash(request.id(), code)).param("now", Jdbc.utc(now))
                .param("expires", Jdbc.utc(now.plus(DownloadCodes.VALID))).update();
        email.put("code", code).put("codeMinutes", DownloadCodes.VALID.toMinutes());
    }

}
