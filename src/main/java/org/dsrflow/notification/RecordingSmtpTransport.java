package org.dsrflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's own SMTP transport, with one hook: just before the end-of-data marker (the
 * {@code "."} line after which the server takes responsibility for the message) it lets the
 * sender record the email as sent ({@link Delivery}). A crash before that point leaves an unsent
 * record, and the server, which never saw the marker, discards the message: the retry sends it
 * once. A crash after it leaves a "sent" record: the retry sends nothing. Registered as a Jakarta
 * Mail provider ({@code META-INF/services/jakarta.mail.Provider}) and chosen for the {@code smtp}
 * protocol by {@code mail.smtp.class} (see application.yaml); {@link Smtps} for {@code smtps}.
 */
public class RecordingSmtpTransport extends SMTPTransport {

    public RecordingSmtpTransport(Session session, URLName url) {
        super(session, url, "smtp", false);
    }

    RecordingSmtpTransport(Session session, URLName url, String protocol, boolean ssl) {
        super(session, url, protocol, ssl);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        Delivery delivery = Delivery.current();
        if (delivery == null) {
            super.finishData();
            return;
        }
        delivery.beforeEndOfData();
        try {
            super.finishData();
        } catch (SMTPSendFailedException refused) {
            // The server answered the end of data with an error code: it did not take the message.
            delivery.refused();
            throw refused;
        } catch (MessagingException | IOException | RuntimeException unanswered) {
            // No answer (time-out, connection lost): the server may well have taken the message.
            delivery.unanswered();
            throw unanswered;
        }
        delivery.accepted();
    }

    /** The same over SSL ({@code spring.mail.protocol: smtps}). */
    public static class Smtps extends RecordingSmtpTransport {
        public Smtps(Session session, URLName url) {
            super(session, url, "smtps", true);
        }
    }

    /** The provider entry that lets a mail session find this transport for {@code smtp}. */
    public static class SmtpProvider extends Provider {
        public SmtpProvider() {
            super(Type.TRANSPORT, "smtp", RecordingSmtpTransport.class.getName(), "dsr-flow", null);
        }
    }

    /** The same for {@code smtps}. */
    public static class SmtpsProvider extends Provider {
        public SmtpsProvider() {
            super(Type.TRANSPORT, "smtps", Smtps.class.getName(), "dsr-flow", null);
        }
    }

    /** What the sending thread records around the end of one message's data. */
    interface Delivery {
        /** Commits "sent"; an exception here aborts the message before the server accepts it. */
        void beforeEndOfData();

        /** The server answered 250 to the end of data. */
        void accepted();

        /** The server refused the message at the end of data (an SMTP error code). */
        default void refused() {
        }

        /** No answer to the end of data arrived: whether the server took the message is unknown. */
        default void unanswered() {
        }

        ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();

        static Delivery current() {
            return CURRENT.get();
        }
    }
}
