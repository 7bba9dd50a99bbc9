package org.dsrflow.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of a received email. */
public final class Mails {

    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^/\\s]+(/confirm\\?token=[A-Za-z0-9_-]+)");

    private Mails() {
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The path and query of the confirmation link in the email's text. */
    public static String confirmationPath(MimeMessage message) {
        Matcher matcher = CONFIRM_LINK.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("no confirmation link in: " + text(message));
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
