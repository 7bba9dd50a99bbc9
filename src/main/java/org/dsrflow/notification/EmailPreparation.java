package org.dsrflow.notification;

import org.dsrflow.request.DsrRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What another part of dsr-flow prepares for an email before it is rendered: the answer and its
 * documents and download links come from {@code response}. Correspondence renders the prepared
 * model and sends it; it does not know how an answer is made.
 */
public interface EmailPreparation {

    /** Whether this part prepares something for emails of this kind. */
    boolean prepares(EmailKind kind);

    /** Adds to the email, in the transaction that claims it (the same {@code db}). */
    void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email);
}
