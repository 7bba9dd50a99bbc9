package org.dsrflow.process;

import java.util.Map;
import java.util.Set;

/**
 * The process API of {@code bpmn/mail-notice.bpmn}: an email about a request that a person must look at — a reply
 * from the requester while the request waited for nothing, or one of our emails that bounced. One task for the privacy
 * team, named with the request's reference and what happened (never an address or a name), linking to the request
 * page, where the details are.
 */
public final class MailNoticeProcess {

    public static final String KEY = "mail-notice";
    public static final String TASK = "user_mail_notice";

    /** The request's reference (the form links to its page). */
    public static final ProcessVariable<String> REFERENCE = ProcessVariable.of("reference", String.class);
    /** The task's name and heading, e.g. "The acknowledgement of DSR-2026-000001 bounced: 550 5.1.1 user unknown". */
    public static final ProcessVariable<String> TITLE = ProcessVariable.of("noticeTitle", String.class);
    /** What happened, as a code: {@link Kinds}. */
    public static final ProcessVariable<String> KIND = ProcessVariable.of("noticeKind", String.class);

    /** Values of {@link #KIND}. */
    public static final class Kinds {
        public static final String REPLY = "reply";
        public static final String BOUNCE = "bounce";

        private Kinds() {
        }
    }

    /** The task's form only shows: its completion carries nothing. */
    public static final Map<String, Set<String>> TASK_OUTPUTS = Map.of(TASK, Set.of());

    private MailNoticeProcess() {
    }
}
