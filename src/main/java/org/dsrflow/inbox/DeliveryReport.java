package org.dsrflow.inbox;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification read (RFC 3464): the original message's Message-ID (from its {@code text/rfc822-headers}
 * or {@code message/rfc822} part, else the {@code Original-Envelope-Id} or an {@code X-Original-Message-ID}), and of the
 * first recipient its action ({@code failed}, {@code delayed}, ...), status code ({@code 5.1.1}) and diagnostic.
 * Empty when the message has no {@code message/delivery-status} part, or it names no recipient.
 */
record DeliveryReport(List<String> originalMessageIds, String action, String status, String diagnostic) {

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern SMTP_CODE = Pattern.compile("\\b([245]\\d\\d)\\b");

    /** The delivery failed for good: the email bounced. */
    boolean failed() {
        return "failed".equals(action);
    }

    boolean delayed() {
        return "delayed".equals(action);
    }

    /** The SMTP reply code of the diagnostic ({@code smtp; 550 5.1.1 ...}), or empty. */
    Optional<String> smtpCode() {
        if (diagnostic == null) {
            return Optional.empty();
        }
        Matcher matcher = SMTP_CODE.matcher(diagnostic);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static Optional<DeliveryReport> of(MimeMessage message) {
        try {
            if (!(message.getContent() instanceof Multipart report)) {
                return Optional.empty();
            }
            InternetHeaders[] status = null;
            List<String> originalIds = new ArrayList<>();
            for (int i = 0; i < report.getCount(); i++) {
                BodyPart part = report.getBodyPart(i);
                if (part.isMimeType("message/delivery-status")) {
                    status = headerBlocks(bytes(part));
                } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
                    // Both begin with the original's header block.
                    InternetHeaders original = new InternetHeaders(new ByteArrayInputStream(bytes(part)));
                    originalIds.addAll(MailHeaders.ids(original.getHeader("Message-ID", " ")));
                }
            }
            if (status == null || status.length < 2) {
                return Optional.empty();
            }
            InternetHeaders perMessage = status[0];
            originalIds.addAll(MailHeaders.ids(perMessage.getHeader("Original-Envelope-Id", " ")));
            originalIds.addAll(MailHeaders.ids(perMessage.getHeader("X-Original-Message-ID", " ")));
            originalIds.addAll(MailHeaders.ids(MailHeaders.header(message, "X-Original-Message-ID")));
            InternetHeaders recipient = status[1];
            String action = value(recipient, "Action");
            String code = value(recipient, "Status");
            if (action == null) {
                return Optional.empty();
            }
            return Optional.of(new DeliveryReport(List.copyOf(originalIds), action.toLowerCase(Locale.ROOT),
                    code != null && STATUS.matcher(code).lookingAt() ? matched(code) : null, value(recipient, "Diagnostic-Code")));
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String matched(String code) {
        Matcher matcher = STATUS.matcher(code);
        return matcher.lookingAt() ? matcher.group() : null;
    }

    /** The DSN body: a block of per-message fields, then one block per recipient, separated by empty lines. */
    private static InternetHeaders[] headerBlocks(byte[] body) throws MessagingException {
        List<InternetHeaders> blocks = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        while (in.available() > 0 && blocks.size() < 20) {
            InternetHeaders block = new InternetHeaders(in);
            if (block.getAllHeaderLines().hasMoreElements()) {
                blocks.add(block);
            }
        }
        return blocks.toArray(InternetHeaders[]::new);
    }

    private static String value(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, " ");
        return value == null ? null : value.replaceAll("\\s+", " ").strip();
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(256 * 1024);
        }
    }
}
