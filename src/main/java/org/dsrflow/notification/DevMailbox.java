package org.dsrflow.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The development mailbox: a mail sender that keeps every outgoing email in memory instead of
 * talking SMTP, shown at {@code /dev/mailbox}. Only active when no SMTP host is configured and
 * the {@code prod} profile is off (see {@link DevMailboxConfig}).
 */
public class DevMailbox extends JavaMailSenderImpl {

    static final int CAPACITY = 500;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final Deque<Mail> mails = new ConcurrentLinkedDeque<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Clock clock;

    DevMailbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
        for (MimeMessage message : mimeMessages) {
            try {
                String messageId = message.getMessageID();
                message.saveChanges();
                if (messageId != null) {
                    message.setHeader("Message-ID", messageId);
                }
                mails.addFirst(parse(message));
                while (mails.size() > CAPACITY) {
                    mails.removeLast();
                }
            } catch (MessagingException | IOException e) {
                throw new MailPreparationException("could not keep the email in the development mailbox", e);
            }
        }
    }

    /** There is no server to reach: the mailbox is always up (keeps /actuator/health UP). */
    @Override
    public void testConnection() {
        // nothing to test
    }

    /** Newest first. */
    public List<Mail> mails() {
        return new ArrayList<>(mails);
    }

    public Optional<Mail> mail(int id) {
        return mails.stream().filter(mail -> mail.id() == id).findFirst();
    }

    private Mail parse(MimeMessage message) throws MessagingException, IOException {
        String[] bodies = {null, null};
        collect(message, bodies);
        String text = bodies[0] == null ? "" : bodies[0];
        List<String> links = new LinkedList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return new Mail(sequence.incrementAndGet(), clock.instant(), message.getMessageID(),
                String.join(", ", addresses(message, Message.RecipientType.TO)), message.getSubject(),
                text, bodies[1] == null ? "" : bodies[1], List.copyOf(links));
    }

    private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws MessagingException {
        var addresses = message.getRecipients(type);
        return addresses == null ? List.of() : java.util.Arrays.stream(addresses).map(Object::toString).toList();
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, bodies);
            }
        }
    }

    /** One kept email. */
    public record Mail(int id, Instant receivedAt, String messageId, String to, String subject, String text,
                       String html, List<String> links) {
    }
}
