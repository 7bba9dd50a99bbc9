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
    /** A question about an unclear request, with the reply link; and its reminder. */
    CLARIFICATION_REQUEST(Audience.REQUESTER),
    CLARIFICATION_REMINDER(Audience.REQUESTER),
    /** Art. 12(5): the fee, before anything is charged (EDPB 01/2022 §194, v2.1), with the Art. 12(4) information. */
    FEE_NOTICE(Audience.REQUESTER),
    CLOSED_FEE_UNPAID(Audience.REQUESTER),
    RESPONSE(Audience.REQUESTER),
    /** A new download link for the answer, asked for on the status page (response/DownloadLinks). */
    DOWNLOAD_LINK(Audience.REQUESTER),
    /** The one-time code the download page asks for before an answer with special-category data (response/DownloadCodes). */
    DOWNLOAD_CODE(Audience.REQUESTER),
    /** Art. 20(2): the requester's confirmation that the portability package was sent to another organisation. */
    TRANSMISSION_CONFIRMATION(Audience.REQUESTER),
    REFUSAL(Audience.REQUESTER),
    RESTRICTION_LIFTING_NOTICE(Audience.REQUESTER),
    DEADLINE_WARNING(Audience.PRIVACY_TEAM),
    /** Art. 20(2): the link to the portability package, to the organisation the requester named (response/Transmissions). */
    TRANSMISSION(Audience.OTHER_CONTROLLER),
    EXTERNAL_PARTY_REQUEST(Audience.EXTERNAL_PARTY),
    EXTERNAL_PARTY_REMINDER(Audience.EXTERNAL_PARTY),
    EXTERNAL_PARTY_ESCALATION(Audience.PRIVACY_TEAM),
    /** A department has a new task, and its answer was returned by the privacy review: to the department's address. */
    DEPARTMENT_TASK(Audience.DEPARTMENT),
    DEPARTMENT_TASK_RETURNED(Audience.DEPARTMENT),
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
        REQUESTER(false), PRIVACY_TEAM(true), DEPARTMENT(true), MANAGERS(true),
        /** A processor or recipient of the register (Art. 19, 28), in its own language. */
        EXTERNAL_PARTY(false),
        /** Another controller the requester had their portability package sent to (Art. 20(2)): its address is the requester's word. */
        OTHER_CONTROLLER(false);

        private final boolean staff;

        Audience(boolean staff) {
            this.staff = staff;
        }

        /** Staff read English, like Camunda's webapps, and their texts are the staff.* messages. */
        public boolean staff() {
            return staff;
        }
    }
}
