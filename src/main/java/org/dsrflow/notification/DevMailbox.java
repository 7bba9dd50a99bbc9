package org.dsrflow.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The development mailbox: a mail sender that keeps every outgoing email instead of talking SMTP,
 * shown at {@code /dev/mailbox}. Only active when no SMTP host is configured and the {@code prod}
 * profile is off (see {@link DevMailboxConfig}). The emails live in the application's database
 * ({@code dsr_dev_mail}, the newest {@value #CAPACITY}), so that they survive a restart like the
 * requests whose links they carry. Kept through the delivery pool, each email committed at once: like
 * an SMTP server's acceptance, it stays whatever happens to the job that sent it, and the job never
 * waits for a second connection of the pool it holds one of (see {@link DeliveryDatabase}).
 */
public class DevMailbox extends JavaMailSenderImpl {

    static final int CAPACITY = 500;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final Clock clock;
    private final JdbcClient jdbc;
    private final JdbcClient delivery;

    DevMailbox(Clock clock, JdbcClient jdbc, DeliveryDatabase delivery) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.delivery = delivery.jdbc();
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
                keep(message);
            } catch (MessagingException | IOException e) {
                throw new MailPreparationException("could not keep the email in the development mailbox", e);
            }
        }
        delivery.sql("""
                        delete from dsr_dev_mail where id < (select min(id) from
                        (select id from dsr_dev_mail order by id desc fetch first %d rows only) newest)""".formatted(CAPACITY))
                .update();
    }

    /** There is no server to reach: the mailbox is always up (keeps /actuator/health UP). */
    @Override
    public void testConnection() {
        // nothing to test
    }

    /** Newest first. */
    public List<Mail> mails() {
        return jdbc.sql("select * from dsr_dev_mail order by id desc").query(DevMailbox::mail).list();
    }

    public Optional<Mail> mail(long id) {
        return jdbc.sql("select * from dsr_dev_mail where id = :id").param("id", id).query(DevMailbox::mail).optional();
    }

    private void keep(MimeMessage message) throws MessagingException, IOException {
        String[] bodies = {null, null};
        collect(message, bodies);
        delivery.sql("""
                        insert into dsr_dev_mail (received_at, message_id, recipients, subject, text_body, html_body)
                        values (:now, :messageId, :to, :subject, :text, :html)""")
                .param("now", Jdbc.utc(clock.instant()))
                .param("messageId", message.getMessageID())
                .param("to", String.join(", ", addresses(message, Message.RecipientType.TO)))
                .param("subject", message.getSubject() == null ? "" : message.getSubject())
                .param("text", bodies[0] == null ? "" : bodies[0])
                .param("html", bodies[1] == null ? "" : bodies[1])
                .update();
    }

    private static Mail mail(ResultSet rs, int row) throws SQLException {
        String text = rs.getString("text_body");
        List<String> links = new LinkedList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return new Mail(rs.getLong("id"), Jdbc.instant(rs, "received_at"), rs.getString("message_id"), rs.getString("recipients"),
                rs.getString("subject"), text, rs.getString("html_body"), List.copyOf(links));
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
    public record Mail(long id, Instant receivedAt, String messageId, String to, String subject, String text,
                       String html, List<String> links) {
    }
}
