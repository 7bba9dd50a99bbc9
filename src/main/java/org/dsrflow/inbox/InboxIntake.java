package org.dsrflow.inbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One message, once: recorded with what the privacy team needs to see (or with its problem), then offered to the
 * handlers in order, in one transaction, so that a message is either recorded and handed on or neither.
 */
@Component
class InboxIntake {

    private static final Logger log = LoggerFactory.getLogger(InboxIntake.class);
    /** What intake accepts as an email address (the same as a request's). */
    static final java.util.regex.Pattern USABLE_ADDRESS = java.util.regex.Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private final InboxMessages messages;
    private final List<InboundHandler> handlers;
    private final NewMessageHandler newMessages;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    InboxIntake(InboxMessages messages, List<InboundHandler> handlers, NewMessageHandler newMessages, Clock clock) {
        this.messages = messages;
        this.handlers = handlers.stream().sorted(Comparator.comparingInt(InboundHandler::order)).toList();
        this.newMessages = newMessages;
        this.clock = clock;
    }

    /** Records the message and hands it on; false when it was recorded before (then nothing happens). */
    @Transactional
    public boolean take(InboxSettings.Mailbox mailbox, long uidValidity, long uid, MimeMessage message) throws MessagingException {
        if (messages.isRecorded(mailbox.id(), uidValidity, uid)) {
            return false;
        }
        Instant arrived = message.getReceivedDate() == null ? clock.instant() : message.getReceivedDate().toInstant();
        long size = Math.max(message.getSize(), 0);
        String messageId = header(message, "Message-ID");
        String subject = safe(message::getSubject);
        InternetAddress sender = sender(message);
        if (size > mailbox.maxMessageSize().toBytes()) {
            // Too large to keep: its envelope only, never its content (which is not even fetched).
            return recordProblem(mailbox, uidValidity, uid, messageId, sender, subject, arrived, size, null, InboxMessages.Problem.TOO_LARGE);
        }
        byte[] raw;
        MimeMessage parsed;
        try {
            raw = raw(message);
            parsed = new MimeMessage(session, new ByteArrayInputStream(raw));
            readAllParts(parsed, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            return recordProblem(mailbox, uidValidity, uid, messageId, sender, subject, arrived, size, null, InboxMessages.Problem.MALFORMED);
        }
        if (sender == null) {
            return recordProblem(mailbox, uidValidity, uid, messageId, null, subject, arrived, size, raw, InboxMessages.Problem.NO_SENDER);
        }
        Optional<Long> id = messages.record(new InboxMessages.NewMessage(mailbox.id(), uidValidity, uid, messageId,
                sender.getPersonal(), sender.getAddress(), subject, arrived, size, raw, null), clock.instant());
        if (id.isEmpty()) {
            return false;
        }
        InboundMessage inbound = new InboundMessage(id.get(), mailbox.id(), mailbox.purpose(), arrived, parsed);
        for (InboundHandler handler : handlers) {
            if (handler.handle(inbound)) {
                log.info("Inbox {}: message uid {} recorded as {} and taken by {}", mailbox.id(), uid, id.get(),
                        handler.getClass().getSimpleName());
                return true;
            }
        }
        throw new IllegalStateException("no handler took message " + id.get());
    }

    /**
     * Records a message that failed to be handed on several times (a handler's error) as a problem, its envelope only,
     * so that a person reads it in the mailbox instead of the reader trying it forever; false when it was recorded before.
     */
    @Transactional
    public boolean recordFailure(InboxSettings.Mailbox mailbox, long uidValidity, long uid, MimeMessage message) throws MessagingException {
        if (messages.isRecorded(mailbox.id(), uidValidity, uid)) {
            return false;
        }
        Instant arrived = message.getReceivedDate() == null ? clock.instant() : message.getReceivedDate().toInstant();
        return recordProblem(mailbox, uidValidity, uid, header(message, "Message-ID"), sender(message), safe(message::getSubject),
                arrived, Math.max(message.getSize(), 0), null, InboxMessages.Problem.FAILED);
    }

    private boolean recordProblem(InboxSettings.Mailbox mailbox, long uidValidity, long uid, String messageId, InternetAddress sender,
                                  String subject, Instant arrived, long size, byte[] raw, InboxMessages.Problem problem) {
        Optional<Long> id = messages.record(new InboxMessages.NewMessage(mailbox.id(), uidValidity, uid, messageId,
                sender == null ? null : sender.getPersonal(), sender == null ? null : sender.getAddress(), subject, arrived, size,
                raw, problem), clock.instant());
        id.ifPresent(stored -> {
            newMessages.problem(stored, mailbox, arrived, problem);
            log.info("Inbox {}: message uid {} recorded as {} with problem {}", mailbox.id(), uid, stored, problem);
        });
        return id.isPresent();
    }

    /** The first From address, when it is one a request could be answered at; null otherwise. */
    private static InternetAddress sender(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from == null) {
                return null;
            }
            for (Address address : from) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null
                        && USABLE_ADDRESS.matcher(internet.getAddress()).matches() && internet.getAddress().length() <= 254) {
                    return internet;
                }
            }
            return null;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] raw(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Reads every part once, as the message page will: a message whose structure cannot be read is malformed. */
    /**
     * Every part read once, so a damaged structure shows now, not in a handler. Parts nested deeper than
     * {@link MessageContent#MAX_DEPTH} are damaged too: each level reparses the whole body, so a crafted email could
     * otherwise hold the reader (and its mailbox lock) for minutes.
     */
    private static void readAllParts(Part part, int depth) throws MessagingException, IOException {
        if (depth > MessageContent.MAX_DEPTH) {
            throw new MessagingException("parts nested deeper than " + MessageContent.MAX_DEPTH);
        }
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                readAllParts(multipart.getBodyPart(i), depth + 1);
            }
        } else if (content instanceof InputStream stream) {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String safe(ThrowingSupplier supplier) {
        try {
            return supplier.get();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private interface ThrowingSupplier {
        String get() throws MessagingException;
    }
}
