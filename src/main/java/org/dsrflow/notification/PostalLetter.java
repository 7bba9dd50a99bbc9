package org.dsrflow.notification;

import java.util.Locale;
import org.dsrflow.request.DsrRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The printable letter of an email that goes by post (a request registered from a letter or a call without an email
 * address): given the email exactly as it would have been written, the implementation (the answer's, in
 * {@code response}) writes the letter the privacy team prints and posts. Only for the kinds it {@link #writes}.
 */
public interface PostalLetter {

    boolean writes(EmailKind kind);

    /** Once per {@code idempotencyKey}, in the sending job's transaction ({@code db}). */
    void write(JdbcClient db, DsrRequest request, EmailKind kind, String idempotencyKey, RenderedEmail email, Locale locale);

    /** Whether the letter of this email was already written (a retried job writes nothing again). */
    boolean written(JdbcClient db, String idempotencyKey);
}
