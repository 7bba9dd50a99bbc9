package org.dsrflow.notification;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dsrflow.cluster.NodeId;
import org.dsrflow.request.DsrRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Delivers an email exactly once, across retries, crashes and nodes: the email is claimed by one sender at a
 * time (idempotency key, claim with an end); what it refers to (links, documents) and the attempt are
 * committed before the SMTP call, and "sent" is committed just before the server is given the end of the
 * message ({@link RecordingSmtpTransport}), all through {@link DeliveryDatabase} so that the job's own
 * transaction never waits for a second connection of its pool. What remains is in the README
 * ("Correspondence").
 */
@Component
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    /** How long one attempt may hold an email: longer than the SMTP time-outs of one message together. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    /** What delivery asks of the email it sends: whom it goes to, for the claim; once claimed, what it says. */
    interface Draft {

        Addressee addressee();

        /** Written in the claim's transaction ({@code db}): what it refers to is committed before the send. */
        Written write(JdbcClient db, Addressee to);
    }

    /** An email written for its addressee: subject and bodies, and its attachments. */
    record Written(RenderedEmail email, List<PreparedEmail.Attachment> attachments) {
    }

    private final CorrespondenceRepository correspondence;
    private final DeliveryDatabase database;
    private final JavaMailSender mailSender;
    private final MimeMessages mime;
    private final Clock clock;
    private final NodeId node;

    EmailDelivery(CorrespondenceRepository correspondence, DeliveryDatabase database, JavaMailSender mailSender,
                  MimeMessages mime, Clock clock, NodeId node) {
        this.correspondence = correspondence;
        this.database = database;
        this.mailSender = mailSender;
        this.mime = mime;
        this.clock = clock;
        this.node = node;
    }

    /**
     * A restarted node's claims from its earlier run (which died mid-send) end now: its retries
     * send at once instead of waiting for the claims to run out. Before the job executor starts.
     */
    @EventListener(ApplicationStartedEvent.class)
    void releaseClaimsOfEarlierRun() {
        int released = correspondence.releaseClaimsOf(node.value());
        if (released > 0) {
            log.info("Released {} email claims that this node ({}) held before it stopped", released, node);
        }
    }

    /** An email that goes by post instead (no email address): recorded once for the privacy team. */
    void recordByPost(DsrRequest request, EmailKind kind, String idempotencyKey) {
        correspondence.recordByPost(request.id(), idempotencyKey, kind, request.language().name(), clock.instant());
        log.info("{} of request {} goes by post (no email address); recorded for the privacy team", kind, request.reference());
    }

    /**
     * Sends the email identified by {@code idempotencyKey} exactly once: a send that runs again after it
     * succeeded (a retried or duplicated job) finds the SENT record and sends nothing; one that finds another
     * sender's live claim fails, to be retried later.
     */
    void deliver(DsrRequest request, EmailKind kind, String idempotencyKey, Draft draft) {
        if (correspondence.findByKey(idempotencyKey).filter(entry -> entry.status().equals("SENT")
                || entry.status().equals(CorrespondenceRepository.BOUNCED)).isPresent()) {
            log.info("{} email of request {} was already sent; not sending it again", kind, request.reference());
            return;
        }
        Outgoing outgoing = database.inTransaction(db -> claimAndWrite(db, request, kind, idempotencyKey, draft));
        if (outgoing == null) {
            log.info("{} email of request {} was already sent; not sending it again", kind, request.reference());
            return;
        }
        MimeMessage message = mime.of(outgoing.messageId(), outgoing.recipient(), outgoing.written().email(),
                outgoing.written().attachments());
        Attempt attempt = new Attempt(idempotencyKey);
        RecordingSmtpTransport.Delivery.CURRENT.set(attempt);
        try {
            mailSender.send(message);
        } catch (RuntimeException e) {
            String reason = withoutAddresses(rootMessage(e));
            switch (attempt.state) {
                case ACCEPTED -> log.info("Sent {} email for request {}; closing the SMTP connection failed: {}", kind,
                        request.reference(), reason);
                case UNANSWERED -> {
                    // Sending again could deliver it twice (RFC 5321 4.5.3.2.6): it stays sent, marked unconfirmed.
                    correspondence.markUnconfirmed(idempotencyKey, "no answer from the SMTP server after the whole message: "
                            + reason, clock.instant());
                    log.warn("{} email of request {} is recorded as sent, but the SMTP server did not confirm it: {}", kind,
                            request.reference(), reason);
                }
                default -> {
                    markFailed(idempotencyKey, reason);
                    // No cause: its messages (and the job's stack trace, which Cockpit shows) may quote addresses.
                    throw new EmailNotSentException("Could not send the " + kind + " email of request " + request.reference()
                            + " (it will be retried): " + reason);
                }
            }
            return;
        } finally {
            RecordingSmtpTransport.Delivery.CURRENT.remove();
        }
        if (attempt.state == Attempt.State.NOT_REACHED) {
            // A sender without SMTP (the development mailbox) never reaches the end-of-data hook.
            correspondence.markSent(idempotencyKey, clock.instant());
            correspondence.markConfirmed(idempotencyKey, clock.instant());
        }
        log.info("Sent {} email for request {}", kind, request.reference());
    }

    /** Claims the email for this attempt and writes it; null when it was sent already. */
    private Outgoing claimAndWrite(JdbcClient db, DsrRequest request, EmailKind kind, String key, Draft draft) {
        Addressee to = draft.addressee();
        String messageId = mime.messageId(request.reference(), kind, key);
        Instant now = clock.instant();
        CorrespondenceRepository.Claim claim = correspondence.claim(db, request.id(), key, kind, to.address(),
                to.locale().getLanguage(), messageId, node.value(), now, now.plus(CLAIM));
        switch (claim) {
            case SENT -> {
                return null;
            }
            case BUSY -> throw new EmailNotSentException("The " + kind + " email of request " + request.reference()
                    + " is being sent by another attempt; it will be retried");
            case CLAIMED -> { }
        }
        return new Outgoing(to.address(), messageId, draft.write(db, to));
    }

    /**
     * Records that an email was not sent, so that its retry sends it. Tried a few times: when "sent"
     * was already committed before the server refused the message, a record left at "sent" would
     * keep the retry from sending it.
     */
    private void markFailed(String key, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                correspondence.markFailed(key, reason, clock.instant());
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    log.error("Could not record that email {} was not sent; it stays recorded as sent but unconfirmed", key);
                    return;
                }
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Error texts may quote addresses; incidents and the record must not. */
    static String withoutAddresses(String text) {
        return text.replaceAll("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+", "(address)");
    }

    private record Outgoing(String recipient, String messageId, Written written) {
    }

    /** One attempt's progress through the end of the message, as the SMTP transport reports it. */
    private final class Attempt implements RecordingSmtpTransport.Delivery {

        enum State { NOT_REACHED, RECORDED, ACCEPTED, REFUSED, UNANSWERED }

        private final String key;
        private State state = State.NOT_REACHED;

        Attempt(String key) {
            this.key = key;
        }

        @Override
        public void beforeEndOfData() {
            correspondence.markSent(key, clock.instant());
            state = State.RECORDED;
        }

        @Override
        public void accepted() {
            state = State.ACCEPTED;
            try {
                correspondence.markConfirmed(key, clock.instant());
            } catch (RuntimeException e) {
                log.warn("Email {} was sent; recording the server's confirmation failed", key);
            }
        }

        @Override
        public void refused() {
            state = State.REFUSED;
        }

        @Override
        public void unanswered() {
            state = State.UNANSWERED;
        }
    }
}
