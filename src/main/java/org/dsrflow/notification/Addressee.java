package org.dsrflow.notification;

import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.Register;
import org.dsrflow.request.DsrRequest;

/**
 * Whom an email goes to, decided once from its kind's audience ({@link Addressees}): the address, the language
 * it is written in, the register's texts in that language, and what the model says of the addressee (the
 * requester's or the party's name; staff: the request type's label and their links).
 */
record Addressee(String address, Locale locale, Register.InLanguage texts, Map<String, Object> model) {

    /**
     * A requester without an email address (a request by letter or phone): the privacy team writes instead, and
     * the correspondence log says so.
     */
    static boolean byPost(DsrRequest request, EmailKind kind) {
        return kind.audience() == EmailKind.Audience.REQUESTER && !request.hasEmail();
    }
}
