package org.dsrflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.cluster.NodeId;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.deadlines.RequestDeadlines;
import org.dsrflow.request.DsrRequest;
import org.springframework.core.io.ByteArrayResource;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.dsrflow.verification.TokenHash;

/**
 * Sends one email of a request and records it, exactly once. The model of each kind is built here
 * from the application's tables; the process only says which request, which kind and its context.
 * Staff emails carry the reference, dates and links, never the requester's personal data.
 * <p>Exactly once, across retries, crashes and nodes: the email is claimed by one sender at a time
 * (idempotency key, claim with an end); what it refers to (links, documents) and the attempt are
 * committed before the SMTP call, and "sent" is committed just before the server is given the end
 * of the message ({@link RecordingSmtpTransport}), all through {@link DeliveryDatabase} so that
 * the job's own transaction never waits for a second connection of its pool. What remains is in
 * the README ("Correspondence").
 */
@Service
public class CorrespondenceService {

    private static final Logger log = LoggerFactory.getLogger(CorrespondenceService.class);
    /** How long one attempt may hold an email: longer than the SMTP time-outs of one message together. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final List<EmailPreparation> preparations;
    private final DeadlineService deadlines;
    private final TokenService tokens;
    private final MailComposer composer;
    private final JavaMailSender mailSender;
    private final CorrespondenceRepository correspondence;
    private final DeliveryDatabase delivery;
    private final DsrProperties properties;
    private final Register register;
    private final Clock clock;
    private final NodeId node;
    private final PublicLinks links;

    CorrespondenceService(List<EmailPreparation> preparations,
                          DeadlineService deadlines, TokenService tokens, MailComposer composer,
                          JavaMailSender mailSender, CorrespondenceRepository correspondence, DeliveryDatabase delivery,
                          DsrProperties properties, Register register, Clock clock, NodeId node, PublicLinks links) {
        this.preparations = List.copyOf(preparations);
        this.deadlines = deadlines;
        this.tokens = tokens;
        this.composer = composer;
        this.mailSender = mailSender;
        this.correspondence = correspondence;
        this.delivery = delivery;
        this.properties = properties;
        this.register = register;
        this.clock = clock;
        this.node = node;
        this.links = links;
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

    /**
     * Sends the email identified by {@code idempotencyKey} exactly once: a send that runs again
     * after it succeeded (a retried or duplicated job) finds the SENT record and sends nothing; one
     * that finds another sender's live claim fails, to be retried later.
     */
    public void send(DsrRequest request, EmailKind kind, EmailContext context, String idempotencyKey) {
        if (kind.audience() == EmailKind.Audience.REQUESTER && !request.hasEmail()) {
            // A letter or a call without an email address: the privacy team writes instead (the log says so).
            correspondence.recordByPost(request.id(), idempotencyKey, kind, request.language().name(), clock.instant());
            log.info("{} of request {} goes by post (no email address); recorded for the privacy team", kind, request.reference());
            return;
        }
        if (correspondence.findByKey(idempotencyKey).filter(entry -> entry.status().equals("SENT")).isPresent()) {
            log.info("{} email of request {} was already sent; not sending it again", kind, request.reference());
            return;
        }
        Prepared prepared = delivery.inTransaction(db -> prepare(db, request, kind, context, idempotencyKey));
        if (prepared == null) {
            log.info("{} email of request {} was already sent; not sending it again", kind, request.reference());
            return;
        }
        MimeMessage message = message(prepared);
        Attempt attempt = new Attempt(idempotencyKey);
        RecordingSmtpTransport.Delivery.CURRENT.set(attempt);
        try {
            mailSender.send(message);
        } catch (RuntimeException e) {
            String reason = withoutAddresses(rootMessage(e));
            switch (attempt.state) {
                case ACCEPTED -> log.info("Sent {} email for request {}; closing the SMTP connection failed: {}", kind,
                        prepared.reference(), reason);
                case UNANSWERED -> {
                    // Sending again could deliver it twice (RFC 5321 4.5.3.2.6): it stays sent, marked unconfirmed.
                    correspondence.markUnconfirmed(idempotencyKey, "no answer from the SMTP server after the whole message: "
                            + reason, clock.instant());
                    log.warn("{} email of request {} is recorded as sent, but the SMTP server did not confirm it: {}", kind,
                            prepared.reference(), reason);
                }
                default -> {
                    markFailed(idempotencyKey, reason);
                    // No cause: its messages (and the job's stack trace, which Cockpit shows) may quote addresses.
                    throw new EmailNotSentException("Could not send the " + kind + " email of request " + prepared.reference()
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
        log.info("Sent {} email for request {}", kind, prepared.reference());
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

    private Prepared prepare(JdbcClient db, DsrRequest request, EmailKind kind, EmailContext context, String key) {
        String recipient = recipient(request, kind, context);
        // Requesters in their language; staff in English (the staff side, like Camunda's webapps).
        Locale locale = switch (kind.audience()) {
            case REQUESTER -> request.language().locale();
            case EXTERNAL_PARTY -> Locale.forLanguageTag(properties.organisation().languageOf(context.externalParty()));
            default -> Locale.ENGLISH;
        };
        String messageId = messageId(request.reference(), kind, key);
        Instant now = clock.instant();
        CorrespondenceRepository.Claim claim = correspondence.claim(db, request.id(), key, kind, recipient,
                locale.getLanguage(), messageId, node.value(), now, now.plus(CLAIM));
        switch (claim) {
            case SENT -> {
                return null;
            }
            case BUSY -> throw new EmailNotSentException("The " + kind + " email of request " + request.reference()
                    + " is being sent by another attempt; it will be retried");
            case CLAIMED -> { }
        }
        PreparedEmail prepared = new PreparedEmail(kind, model(db, request, kind, context), locale);
        for (EmailPreparation part : preparations) {
            if (part.prepares(kind)) {
                part.prepare(db, request, context, prepared);
            }
        }
        RenderedEmail email = composer.render(kind, locale, prepared.model());
        List<PreparedEmail.Attachment> attachments = prepared.attachments();
        return new Prepared(request.reference(), recipient, email, attachments, messageId);
    }

    /** A Message-ID that is the same for every attempt of one email, without personal data. */
    private String messageId(String reference, EmailKind kind, String key) {
        String hash = TokenHash.sha256(key).substring(0, 16);
        String from = properties.mail().from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "dsr-flow";
        return "<" + reference + "." + kind.template() + "." + hash + "@" + domain + ">";
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

    private record Prepared(String reference, String recipient, RenderedEmail email, List<PreparedEmail.Attachment> attachments,
                            String messageId) {
    }

    private String recipient(DsrRequest request, EmailKind kind, EmailContext context) {
        return switch (kind.audience()) {
            case REQUESTER -> request.requesterEmail();
            case PRIVACY_TEAM -> properties.notifications().privacyTeam();
            case MANAGERS -> properties.notifications().managers();
            case EXTERNAL_PARTY -> {
                DsrProperties.Recipient party = properties.organisation().recipients().get(context.externalParty());
                if (party == null || party.contact() == null || party.contact().isBlank()) {
                    throw new IllegalStateException("no contact address for the party '" + context.externalParty() + "' of " + kind);
                }
                yield party.contact();
            }
            case DEPARTMENT -> {
                DsrProperties.Department department = properties.organisation().departments().get(context.department());
                if (department == null) {
                    throw new IllegalStateException("no department '" + context.department() + "' for " + kind);
                }
                yield department.email();
            }
        };
    }

    private Map<String, Object> model(JdbcClient db, DsrRequest request, EmailKind kind, EmailContext context) {
        Register.InLanguage texts = switch (kind.audience()) {
            case REQUESTER -> register.in(request.language().name());
            case EXTERNAL_PARTY -> register.in(properties.organisation().languageOf(context.externalParty()));
            default -> register.forStaff();
        };
        Register.Site site = texts.site(request.site());
        RequestDeadlines dates = deadlines.current(request.id());
        Map<String, Object> model = new HashMap<>();
        model.put("reference", request.reference());
        model.put("type", request.type().name());
        model.put("organisation", texts.organisationName());
        model.put("site", site);
        model.put("siteCode", request.site());
        model.put("receivedOn", request.receivedOn());
        model.put("dueDate", dates.deadlines().dueDate());
        model.put("answerDueDate", dates.answerDueDate());
        model.put("extended", dates.extended());
        if (kind.audience() == EmailKind.Audience.REQUESTER) {
            model.put("name", request.requesterName());
        } else if (kind.audience() == EmailKind.Audience.EXTERNAL_PARTY) {
            // Greeted by the register's name for it; no staff links.
            model.put("name", texts.recipient(context.externalParty()).name());
        } else {
            model.put("cockpitUrl", links.to("/camunda/app/cockpit/default/#/process-instance/"
                    + request.processInstanceId() + "/runtime"));
            model.put("tasklistUrl", links.to("/camunda/app/tasklist/default/"));
        }
        switch (kind) {
            case ACKNOWLEDGEMENT, CONFIRMATION_REMINDER -> {
                model.put("confirmationRequired", context.confirmationRequired());
                if (kind == EmailKind.ACKNOWLEDGEMENT) {
                    String statusKey = tokens.issue(db, request.id(), TokenPurpose.STATUS, null);
                    model.put("statusUrl", links.to("/status?ref=" + request.reference() + "&key=" + statusKey));
                }
                if (context.confirmationRequired()) {
                    var validity = properties.confirmation().linkValidity();
                    String token = tokens.issue(db, request.id(), TokenPurpose.CONFIRM, validity);
                    model.put("confirmUrl", links.to("/confirm?token=" + token));
                    model.put("confirmBy", LocalDate.ofInstant(clock.instant().plus(validity), site.zone()));
                }
            }
            case EXTENSION_NOTICE -> {
                model.put("extendedDueDate", dates.deadlines().extendedDueDate());
                model.put("reasons", dates.extensionReasons());
            }
            case REFUSAL -> model.put("reasons", context.reviewComment());
            case IDENTITY_EVIDENCE_REQUEST -> {
                model.put("identityRequest", context.identityRequest());
                String token = tokens.issue(db, request.id(), TokenPurpose.REPLY, properties.deadlines().replyExpiry());
                model.put("replyUrl", links.to("/reply?token=" + token));
            }
            case CLARIFICATION_REQUEST, CLARIFICATION_REMINDER -> {
                // The question itself is prepared by review/ (EmailPreparation); the link works once.
                String token = tokens.issue(db, request.id(), TokenPurpose.REPLY, properties.deadlines().replyExpiry());
                model.put("replyUrl", links.to("/reply?token=" + token));
            }
            case DEPARTMENT_REMINDER, DEPARTMENT_ESCALATION -> model.put("department", texts.departmentName(context.department()));
            default -> { }
        }
        return model;
    }

    private MimeMessage message(Prepared prepared) {
        String to = prepared.recipient();
        RenderedEmail email = prepared.email();
        List<PreparedEmail.Attachment> attachments = prepared.attachments();
        try {
            MimeMessage message = mailSender.createMimeMessage();
            message.setHeader("Message-ID", prepared.messageId());
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(properties.mail().from(), true));
            if (properties.mail().replyTo() != null && !properties.mail().replyTo().isBlank()) {
                helper.setReplyTo(new InternetAddress(properties.mail().replyTo(), true));
            }
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            for (PreparedEmail.Attachment attachment : attachments) {
                helper.addAttachment(attachment.fileName(),
                        new ByteArrayResource(attachment.content().getBytes(StandardCharsets.UTF_8)), attachment.contentType());
            }
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the email", e);
        }
    }
}
