package org.dsrflow.inbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The emails to the privacy mailboxes that were registered as a request or attached to it, for the request page. */
@Component
public class RequestEmails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** One email: its page is {@code /staff/messages/{id}} (sender, text and attachments). */
    public record Email(long id, String arrived, String subject) {
    }

    private final InboxMessages messages;

    RequestEmails(InboxMessages messages) {
        this.messages = messages;
    }

    public List<Email> of(long requestId) {
        return messages.ofRequest(requestId).stream()
                .map(message -> new Email(message.id(), WHEN.format(message.receivedAt()), message.subject())).toList();
    }
}
