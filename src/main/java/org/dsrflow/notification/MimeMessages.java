package org.dsrflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dsrflow.config.DsrProperties;
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

    private final javax.crypto.spec.SecretKeySpec idKey;

    MimeMessages(JavaMailSender mailSender, DsrProperties properties,
                 @org.springframework.beans.factory.annotation.Value("${dsr.files.encryption-key}") String secret) {
        this.mailSender = mailSender;
        this.mail = properties.mail();
        // A key of its own for Message-IDs, derived from the installation's secret (never the secret itself).
        this.idKey = new javax.crypto.spec.SecretKeySpec(hmac(secret.getBytes(StandardCharsets.UTF_8), "dsr-flow message-id"), "HmacSHA256");
    }

    /**
     * The Message-ID of the email with this idempotency key: the reference, the kind and a keyed digest (HMAC) of the
     * key, the same for every attempt and every node, and not computable by someone who knows the reference and the key's
     * shape (a reply or a bounce is matched by it).
     */
    String messageId(String reference, EmailKind kind, String key) {
        String hash = java.util.HexFormat.of().formatHex(hmac(idKey.getEncoded(), key)).substring(0, 16);
        String from = mail.from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "dsr-flow";
        return "<" + reference + "." + kind.template() + "." + hash + "@" + domain + ">";
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
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
