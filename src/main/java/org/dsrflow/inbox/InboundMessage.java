package org.dsrflow.inbox;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;

/**
 * A new message as the handlers see it: its record ({@code dsr_inbox_message.id}), the mailbox it came to and what that
 * mailbox is for, when it reached the mailbox (IMAP INTERNALDATE), and the message parsed from the stored raw MIME.
 */
public record InboundMessage(long storedId, String mailboxId, MailboxPurpose purpose, Instant arrivedAt, MimeMessage mime) {
}
