package org.dsrflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.verification.TokenHash;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of an email: multipart with HTML and text and the attachments, from and reply-to as
 * configured, and a Message-ID that is the same for every attempt of one email, without personal data.
 */
@Component
class MimeMessages {

    private final JavaMailSender mailSender;
    private final DsrProperties.Mail mail;

    MimeMessages(JavaMailSender mailSender, DsrProperties properties) {
        this.mailSender = mailSender;
        this.mail = properties.mail();
    }

    /** The Message-ID of the email with this idempotency key: the reference, the kind and a digest of the key. */
    String messageId(String reference, EmailKind kind, String key) {
        String hash = TokenHash.sha256(key).substring(0, 16);
        String from = mail.from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "dsr-flow";
        return "<" + reference + "." + kind.template() + "." + hash + "@" + domain + ">";
    }

    MimeMessage of(String messageId, String to, RenderedEmail email, List<PreparedEmail.Attachment> attachments) {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            message.setHeader("Message-ID", messageId);
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(mail.from(), true));
            if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
                helper.setReplyTo(new InternetAddress(mail.replyTo(), true));
            }
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            for (PreparedEmail.Attachment attachment : attachments) {
                helper.addAttachment(attachment.fileName(),
                        new ByteArrayResource(attachment.content()), attachment.contentType());
            }
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the email", e);
        }
    }
}
