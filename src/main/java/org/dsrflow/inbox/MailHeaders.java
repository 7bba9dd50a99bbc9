package org.dsrflow.inbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a message's headers say about where it belongs: the messages it answers, whether a machine wrote it, whether it is a DSN. */
final class MailHeaders {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");

    private MailHeaders() {
    }

    /** The Message-IDs the message answers: In-Reply-To first, then References from the newest back. */
    static List<String> answered(MimeMessage message) {
        List<String> ids = new ArrayList<>(ids(header(message, "In-Reply-To")));
        List<String> references = new ArrayList<>(ids(header(message, "References")));
        Collections.reverse(references);
        references.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    /** The {@code <...>} Message-IDs in a header's value (at most 50: a longer thread adds nothing). */
    static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        Matcher matcher = MESSAGE_ID.matcher(value);
        while (matcher.find() && ids.size() < 50) {
            ids.add(matcher.group());
        }
        return ids;
    }

    /** The message's own Message-ID, as {@code <...>}, or null. */
    static String messageId(MimeMessage message) {
        List<String> own = ids(header(message, "Message-ID"));
        return own.isEmpty() ? null : own.get(0);
    }

    /**
     * Written by a machine and not to be answered (RFC 3834 {@code Auto-Submitted} other than {@code no};
     * {@code Precedence: bulk, junk, list}; the {@code X-Autoreply}/{@code X-Autorespond} of common responders).
     */
    static boolean isAutomatic(MimeMessage message) {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && List.of("bulk", "junk", "list").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null;
    }

    /** A delivery status notification (RFC 3464): {@code multipart/report; report-type=delivery-status}. */
    static boolean isDeliveryReport(MimeMessage message) {
        try {
            ContentType type = new ContentType(message.getContentType());
            return type.match("multipart/report") && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, " ");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
