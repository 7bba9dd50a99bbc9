package org.dsrflow.inbox;

/** What people write to a mailbox for: requests of any kind, or to stop marketing (a mail there suggests an objection to it). */
public enum MailboxPurpose {
    PRIVACY_REQUESTS, MARKETING_OPT_OUTS
}
