package org.dsrflow.response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.notification.CorrespondenceService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.request.DsrRequest;
import org.springframework.stereotype.Service;

/**
 * The answer's download link, offered again on the status page while it works. The page cannot show
 * the link: only its SHA-256 is stored. Nor can it download with the status key alone: that key is
 * no proof of the mailbox (the JSON API hands it to whoever submits a request, in anyone's name). So
 * the page says when we emailed the answer and until when its link works, and a button emails a new
 * link to the request's own address only, valid no longer than the documents, at most
 * {@code dsr.response.link-resends} times per request. The answer's own link keeps working.
 */
@Service
public class DownloadLinks {

    /** What the status page says: when the answer was emailed, until when its link works, whether a new link may be sent. */
    public record Offer(LocalDate sentOn, LocalDate validUntil, boolean resendAllowed, int resendLimit) {
    }

    public enum Outcome { SENT, LIMIT, NOTHING }

    /** A press of the button: sent (valid until), the limit reached, or nothing to send (no documents, expired). */
    public record Resent(Outcome outcome, LocalDate validUntil) {
    }

    private final DocumentService documents;
    private final CorrespondenceRepository correspondence;
    private final CorrespondenceService mail;
    private final Register register;
    private final DsrProperties.Response settings;
    private final Clock clock;

    DownloadLinks(DocumentService documents, CorrespondenceRepository correspondence, CorrespondenceService mail,
                  Register register, DsrProperties properties, Clock clock) {
        this.documents = documents;
        this.correspondence = correspondence;
        this.mail = mail;
        this.register = register;
        this.settings = properties.response();
        this.clock = clock;
    }

    /** The offer while the answer's documents can be downloaded and its email was sent; empty otherwise. */
    public Optional<Offer> offer(DsrRequest request) {
        Optional<DocumentService.Document> report = documents.latest(request.id(), DocumentService.HTML)
                .filter(document -> clock.instant().isBefore(document.expiresAt()));
        if (report.isEmpty()) {
            return Optional.empty();
        }
        List<CorrespondenceRepository.Entry> sent = correspondence.findByRequest(request.id()).stream()
                .filter(entry -> "SENT".equals(entry.status()) && entry.sentAt() != null).toList();
        Optional<Instant> answered = sent.stream().filter(entry -> entry.kind() == EmailKind.RESPONSE)
                .map(CorrespondenceRepository.Entry::sentAt).max(Comparator.naturalOrder());
        if (answered.isEmpty()) {
            return Optional.empty();
        }
        long resent = sent.stream().filter(entry -> entry.kind() == EmailKind.DOWNLOAD_LINK).count();
        ZoneId zone = zone(request);
        return Optional.of(new Offer(LocalDate.ofInstant(answered.get(), zone), LocalDate.ofInstant(report.get().expiresAt(), zone),
                resent < settings.linkResends(), settings.linkResends()));
    }

    /**
     * Emails a new download link to the request's address (synchronously; an SMTP failure is an
     * {@link org.dsrflow.notification.EmailNotSentException} and the next press tries the same email again).
     */
    public Resent resend(DsrRequest request) {
        Optional<Offer> offer = offer(request);
        if (offer.isEmpty()) {
            return new Resent(Outcome.NOTHING, null);
        }
        if (!offer.get().resendAllowed()) {
            return new Resent(Outcome.LIMIT, offer.get().validUntil());
        }
        sendNewLink(request, correspondence.findByRequest(request.id()).stream()
                .filter(entry -> entry.kind() == EmailKind.DOWNLOAD_LINK && "SENT".equals(entry.status())).count());
        return new Resent(Outcome.SENT, offer.get().validUntil());
    }

    /**
     * A fresh link asked for on the expired-link page: after the answer's link expired and while its documents are kept
     * ({@code dsr.response.renewal-grace}), they work again for {@code link-validity} and a new link goes to the request's
     * own address. Counted with the status page's new links ({@code link-resends}); not a new request (Art. 12(5)). The
     * documents are extended first (committed), so the email's own transaction issues a link valid as long as they are; an
     * SMTP failure leaves them extended and the next press sends the same email again.
     */
    public Resent renew(DsrRequest request) {
        Optional<DocumentService.Document> report = documents.latest(request.id(), DocumentService.HTML);
        Instant now = clock.instant();
        if (report.isEmpty() || now.isAfter(report.get().expiresAt().plus(settings.renewalGrace()))) {
            return new Resent(Outcome.NOTHING, null);
        }
        List<CorrespondenceRepository.Entry> sent = correspondence.findByRequest(request.id()).stream()
                .filter(entry -> "SENT".equals(entry.status())).toList();
        if (sent.stream().noneMatch(entry -> entry.kind() == EmailKind.RESPONSE)) {
            return new Resent(Outcome.NOTHING, null);
        }
        long resent = sent.stream().filter(entry -> entry.kind() == EmailKind.DOWNLOAD_LINK).count();
        if (resent >= settings.linkResends()) {
            return new Resent(Outcome.LIMIT, null);
        }
        Instant until = report.get().expiresAt().isAfter(now) ? report.get().expiresAt() : now.plus(settings.linkValidity());
        documents.extend(request.id(), until);
        sendNewLink(request, resent);
        return new Resent(Outcome.SENT, LocalDate.ofInstant(until, zone(request)));
    }

    /** One key per new link: a failed attempt is tried again under its key, a sent one is never sent twice. */
    private void sendNewLink(DsrRequest request, long alreadySent) {
        mail.send(request, EmailKind.DOWNLOAD_LINK, new EmailContext(null, null, null, null, false),
                "download-link:" + request.id() + ":" + (alreadySent + 1));
    }

    private ZoneId zone(DsrRequest request) {
        return register.in(request.language().name()).site(request.site()).zone();
    }
}
