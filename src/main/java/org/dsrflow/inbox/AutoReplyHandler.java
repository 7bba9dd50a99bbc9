package org.dsrflow.inbox;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.notification.CorrespondenceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first handler, against loops: a message a machine wrote (out of office, a list, a bulk mailing), one from our own
 * sender address, or one whose Message-ID is one of ours (our email came back) is recorded and nothing else — no task,
 * never answered, never a request. An automatic reply to one of our emails is noted on that email's correspondence
 * entry. Delivery status notifications pass on to the bounce handler, whatever their headers say (mail servers mark
 * bounces {@code Auto-Submitted: auto-replied}).
 */
@Component
class AutoReplyHandler implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(AutoReplyHandler.class);

    private final InboxMessages messages;
    private final CorrespondenceRepository correspondence;
    private final Clock clock;
    private final Set<String> ownAddresses;

    AutoReplyHandler(InboxMessages messages, CorrespondenceRepository correspondence, Clock clock, DsrProperties properties) {
        this.messages = messages;
        this.correspondence = correspondence;
        this.clock = clock;
        this.ownAddresses = java.util.stream.Stream.of(properties.mail().from(), properties.mail().replyTo())
                .map(AutoReplyHandler::address).flatMap(Optional::stream).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean handle(InboundMessage message) {
        if (MailHeaders.isDeliveryReport(message.mime())) {
            return false;
        }
        boolean ours = correspondence.isOurs(MailHeaders.messageId(message.mime()));
        Optional<CorrespondenceRepository.Sent> about = correspondence.findSent(MailHeaders.answered(message.mime()));
        // Marked automatic (or from our own address) but about none of our emails: it may be a request relayed by a
        // contact form or a mailer that stamps every message; a person decides (nothing here ever answers, so no loop).
        boolean automatic = about.isPresent() && (MailHeaders.isAutomatic(message.mime()) || fromOurOwnAddress(message));
        if (!ours && !automatic) {
            return false;
        }
        if (!ours) {
            about.ifPresent(sent -> correspondence.noteAutoReply(sent.id(), message.arrivedAt()));
        }
        messages.decide(message.storedId(), InboxMessages.Status.AUTO_REPLY,
                about.map(CorrespondenceRepository.Sent::requestId).orElse(null), InboxMessages.DSR_FLOW, clock.instant());
        log.info("Inbox message {}: {}; recorded, not answered", message.storedId(),
                ours ? "our own email came back" : "an automatic reply");
        return true;
    }

    private boolean fromOurOwnAddress(InboundMessage message) {
        String sender = messages.find(message.storedId()).map(InboxMessages.Stored::senderAddress).orElse(null);
        return sender != null && ownAddresses.contains(sender.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> address(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new InternetAddress(configured, false).getAddress()).map(a -> a.toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
