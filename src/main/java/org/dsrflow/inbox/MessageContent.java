package org.dsrflow.inbox;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jsoup.Jsoup;

/** What a message says: its plain text, its HTML (unsanitised: see the message page), and its attachments. */
record MessageContent(String text, String html, List<Attachment> attachments) {

    /** How deep parts may nest (real emails: a handful of levels). */
    static final int MAX_DEPTH = 20;

    /** An attachment: its name as sent (or "attachment-n"), its declared type, its bytes. */
    record Attachment(String name, String contentType, byte[] content) {
    }

    static MessageContent of(byte[] raw) {
        try {
            return of(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            return new MessageContent("", null, List.of());
        }
    }

    static MessageContent of(MimeMessage message) {
        Collector collector = new Collector();
        try {
            collector.walk(message);
        } catch (MessagingException | IOException e) {
            // What was read so far is shown; the rest of a damaged message is left out.
        }
        String text = collector.text != null ? collector.text
                : collector.html != null ? Jsoup.parse(collector.html).wholeText().strip() : "";
        return new MessageContent(text, collector.html, List.copyOf(collector.attachments));
    }

    private static final class Collector {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            walk(part, 0);
        }

        private void walk(Part part, int depth) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            String fileName = fileName(part);
            if (part.isMimeType("multipart/*")) {
                if (depth >= MAX_DEPTH) {
                    return; // the intake refuses deeper emails; an older stored one shows what lies above
                }
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null) {
                attachments.add(new Attachment(fileName == null ? "attachment-" + (attachments.size() + 1) : fileName,
                        baseType(part.getContentType()), bytes(part)));
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (!part.isMimeType("text/*")) {
                attachments.add(new Attachment("attachment-" + (attachments.size() + 1), baseType(part.getContentType()), bytes(part)));
            }
        }

        private static String fileName(Part part) throws MessagingException {
            String name = part.getFileName();
            if (name == null || name.isBlank()) {
                return null;
            }
            try {
                name = MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException e) {
                // keep it as sent
            }
            // A name, never a path; no control characters (it goes into a header when downloaded).
            name = name.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
            return name.isEmpty() ? null : name.length() > 200 ? name.substring(name.length() - 200) : name;
        }

        private static String baseType(String contentType) {
            if (contentType == null) {
                return "application/octet-stream";
            }
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
        }

        private static byte[] bytes(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }
    }
}
