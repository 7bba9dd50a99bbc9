package org.dsrflow.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of a received email. */
public final class Mails {

    private Mails() {
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The email GreenMail received last. */
    public static MimeMessage last(com.icegreen.greenmail.junit5.GreenMailExtension greenMail) {
        MimeMessage[] received = greenMail.getReceivedMessages();
        return received[received.length - 1];
    }

    /**
     * Whether this is an email telling a department of a new or returned task: it names the request's
     * reference too, but it is a staff email, never one of the requester's.
     */
    public static boolean toDepartment(MimeMessage message) {
        String subject = subject(message);
        return subject.startsWith("New task for ") || subject.startsWith("Answer returned to ");
    }

    /** The last email about a request (its reference in the subject), but for a department's task; fails when there is none. */
    public static MimeMessage lastAbout(com.icegreen.greenmail.junit5.GreenMailExtension greenMail, String reference) {
        MimeMessage last = null;
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (subject(message).contains(reference) && !toDepartment(message)) {
                last = message;
            }
        }
        if (last == null) {
            throw new AssertionError("no email about " + reference);
        }
        return last;
    }

    /** The subjects of the emails about a request, in the order received, but for those to departments about their tasks. */
    public static java.util.List<String> subjectsAbout(com.icegreen.greenmail.junit5.GreenMailExtension greenMail, String reference) {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(message -> !toDepartment(message)).map(Mails::subject)
                .filter(subject -> subject.contains(reference)).toList();
    }

    /**
     * The last email to an address. GreenMail lists its messages mailbox by mailbox, not in the order
     * they arrived, so "the last email" of another recipient is never asked for by position.
     */
    public static MimeMessage lastTo(com.icegreen.greenmail.junit5.GreenMailExtension greenMail, String address) {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(message -> address.equals(recipient(message)))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no email to " + address));
    }

    public static long countTo(com.icegreen.greenmail.junit5.GreenMailExtension greenMail, String address) {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(message -> address.equals(recipient(message))).count();
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a reader sees: the subject, the text part and the HTML part with its entities read. */
    public static String everything(MimeMessage message) throws jakarta.mail.MessagingException {
        return message.getSubject() + "\n" + text(message) + "\n" + org.springframework.web.util.HtmlUtils.htmlUnescape(html(message));
    }

    /** The path and query of the confirmation link in the email's text. */
    public static String confirmationPath(MimeMessage message) {
        return linkPath(text(message), "/confirm\\?token=[A-Za-z0-9_-]+");
    }

    /** The path and query of the first link in {@code text} whose path matches {@code pathRegex}. */
    public static String linkPath(String text, String pathRegex) {
        Matcher matcher = Pattern.compile("https?://[^/\\s]+(" + pathRegex + ")").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no link " + pathRegex + " in: " + text);
        }
        return matcher.group(1);
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
