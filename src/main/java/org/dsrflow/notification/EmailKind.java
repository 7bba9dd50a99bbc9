package org.dsrflow.notification;

import java.util.Locale;

/**
 * Every kind of email the process sends, and to whom. The name, lower-cased with dashes, is the
 * template name; requester emails are written in the requester's language, staff emails in English.
 */
public enum EmailKind {
    ACKNOWLEDGEMENT(Audience.REQUESTER),
    CONFIRMATION_REMINDER(Audience.REQUESTER),
    CLOSED_UNCONFIRMED(Audience.REQUESTER),
    EXTENSION_NOTICE(Audience.REQUESTER),
    IDENTITY_EVIDENCE_REQUEST(Audience.REQUESTER),
    CLOSED_NO_REPLY(Audience.REQUESTER),
    RESPONSE(Audience.REQUESTER),
    REFUSAL(Audience.REQUESTER),
    RESTRICTION_LIFTING_NOTICE(Audience.REQUESTER),
    DEADLINE_WARNING(Audience.PRIVACY_TEAM),
    DEPARTMENT_REMINDER(Audience.DEPARTMENT),
    DEPARTMENT_ESCALATION(Audience.MANAGERS),
    BREACH_ESCALATION(Audience.MANAGERS);

    private final Audience audience;

    EmailKind(Audience audience) {
        this.audience = audience;
    }

    public Audience audience() {
        return audience;
    }

    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public enum Audience {
        REQUESTER, PRIVACY_TEAM, DEPARTMENT, MANAGERS
    }
}
