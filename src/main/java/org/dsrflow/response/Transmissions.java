package org.dsrflow.response;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.notification.CorrespondenceService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.Jdbc;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Portability's transmission to another controller (Art. 20(2)): on the download page of a portability answer, the
 * requester (who proved their mailbox with the one-time code) names an organisation and its address; a row records it,
 * the organisation gets an email with an expiring link ({@link TokenPurpose#TRANSMISSION}) to a page where it downloads
 * the structured part of the package ({@link AnswerPackage#writeStructured}), and the requester a confirmation. "Where
 * technically feasible": the organisation receives a link, not an upload into its systems. At most
 * {@code dsr.transfers.max-per-request} organisations a request; each link at most {@code max-downloads} downloads.
 * Logs ids only, never the organisation's name or address.
 */
@Service
public class Transmissions {

    private static final Logger log = LoggerFactory.getLogger(Transmissions.class);
    static final int MAX_NAME = 200;
    static final int MAX_ADDRESS = 254;
    /** Who asked: today always the requester, on the download page. */
    static final String REQUESTER = "REQUESTER";

    /** One transmission, as the case page and the organisation's page show it. */
    public record Transmission(long id, long requestId, String organisation, String address, Instant askedAt, Instant expiresAt,
                               int downloads, Instant firstDownloadedAt) {

        public boolean downloaded() {
            return downloads > 0;
        }
    }

    public enum Sent { SENT, LIMIT, NOT_PORTABILITY, NOT_SENT }

    /** What an organisation's link opens, or why not. */
    public enum Refused { UNKNOWN, EXPIRED, USED_ELSEWHERE, LIMIT }

    private final JdbcClient jdbc;
    private final CorrespondenceService mail;
    private final TokenService tokens;
    private final RequestRepository requests;
    private final DocumentService documents;
    private final TransmissionSettings settings;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    Transmissions(JdbcClient jdbc, CorrespondenceService mail, TokenService tokens, RequestRepository requests,
                  DocumentService documents, TransmissionSettings settings, Clock clock,
                  org.springframework.transaction.PlatformTransactionManager transactions) {
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.mail = mail;
        this.tokens = tokens;
        this.requests = requests;
        this.documents = documents;
        this.settings = settings;
        this.clock = clock;
    }

    /** Only a portability answer may be sent elsewhere (Art. 20(2) is a part of the right to data portability). */
    public static boolean offeredFor(DsrRequest request) {
        return request.type() == RequestType.PORTABILITY;
    }

    public TransmissionSettings settings() {
        return settings;
    }

    /**
     * What is wrong with the organisation's name and address, by field ({@code organisation}, {@code address}): the name
     * required, one line, at most {@value #MAX_NAME} characters; the address one plain email address (RFC 822 syntax,
     * no display name, no list), at most {@value #MAX_ADDRESS} characters. Empty when both are fine.
     */
    public static Map<String, String> problems(String organisation, String address) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (organisation == null || organisation.isBlank()) {
            problems.put("organisation", "required");
        } else if (organisation.strip().length() > MAX_NAME || organisation.chars().anyMatch(Character::isISOControl)) {
            problems.put("organisation", "invalid");
        }
        if (address == null || address.isBlank()) {
            problems.put("address", "required");
        } else if (!plainAddress(address.strip())) {
            problems.put("address", "invalid");
        }
        return problems;
    }

    /**
     * One bare address (no display name, no list, no comments): a dot-atom local part of at most 64 characters and a domain
     * of dot-separated labels with at least one dot. Checked here rather than by the mail library: only the delivery
     * touches mail (PackageDependenciesTest), and what is stored is exactly what the requester reads back.
     */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private static boolean plainAddress(String address) {
        return address.length() <= MAX_ADDRESS && ADDRESS.matcher(address).matches() && address.indexOf('@') <= 64;
    }

    /** The request's transmissions, oldest first. */
    public List<Transmission> of(long requestId) {
        return jdbc.sql("select * from dsr_transmission where request_id = :id order by id").param("id", requestId)
                .query((rs, row) -> new Transmission(rs.getLong("id"), rs.getLong("request_id"), rs.getString("organisation"),
                        rs.getString("address"), Jdbc.instant(rs, "asked_at"), Jdbc.instant(rs, "expires_at"),
                        rs.getInt("downloads"), Jdbc.instant(rs, "first_downloaded_at")))
                .list();
    }

    private Optional<Transmission> find(long id) {
        return jdbc.sql("select * from dsr_transmission where id = :id").param("id", id)
                .query((rs, row) -> new Transmission(rs.getLong("id"), rs.getLong("request_id"), rs.getString("organisation"),
                        rs.getString("address"), Jdbc.instant(rs, "asked_at"), Jdbc.instant(rs, "expires_at"),
                        rs.getInt("downloads"), Jdbc.instant(rs, "first_downloaded_at")))
                .optional();
    }

    /** Whether the request may still have its package sent to another organisation. */
    public boolean limitReached(long requestId) {
        return of(requestId).size() >= settings.maxPerRequest();
    }

    /**
     * Records the transmission and sends both emails (synchronously, each in its own transaction and exactly once: an SMTP
     * failure is an {@link org.dsrflow.notification.EmailNotSentException}). The caller has checked the code and the
     * fields ({@link #problems}).
     */
    public Sent send(DsrRequest request, String organisation, String address) {
        if (!offeredFor(request)) {
            return Sent.NOT_PORTABILITY;
        }
        String name = organisation.strip();
        String to = address.strip();
        // The limit and the insert in one transaction that holds the request's row: two posts at once cannot both pass.
        Long inserted = transaction.execute(status -> {
            jdbc.sql("select id from dsr_request where id = :id for update").param("id", request.id()).query(Long.class).single();
            if (limitReached(request.id())) {
                return null;
            }
            org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("""
                            insert into dsr_transmission (request_id, organisation, address, asked_by, asked_at, downloads)
                            values (:requestId, :organisation, :address, :askedBy, :now, 0)""")
                    .param("requestId", request.id()).param("organisation", name).param("address", to).param("askedBy", REQUESTER)
                    .param("now", Jdbc.utc(clock.instant()))
                    .update(keys, "id");
            return keys.getKey().longValue();
        });
        if (inserted == null) {
            return Sent.LIMIT;
        }
        long id = inserted;
        EmailContext context = EmailContext.transmission(new EmailContext.OtherController(id, name, to));
        try {
            mail.send(request, EmailKind.TRANSMISSION, context, "transmission:" + id);
        } catch (org.dsrflow.notification.EmailNotSentException notSent) {
            // Nothing went to the organisation (its link, issued when the email was written, goes too):
            // the transmission is taken back, so it neither counts towards the limit nor shows as sent.
            jdbc.sql("delete from dsr_token where request_id = :requestId and purpose = :purpose and holder = :holder")
                    .param("requestId", request.id()).param("purpose", org.dsrflow.verification.TokenPurpose.TRANSMISSION.name())
                    .param("holder", String.valueOf(id)).update();
            jdbc.sql("delete from dsr_transmission where id = :id").param("id", id).update();
            log.warn("Portability package of request {}: the organisation's email was not sent (transmission id {} taken back)",
                    request.reference(), id);
            return Sent.NOT_SENT;
        }
        try {
            mail.send(request, EmailKind.TRANSMISSION_CONFIRMATION, context, "transmission-confirmation:" + id);
        } catch (org.dsrflow.notification.EmailNotSentException notSent) {
            // The data went; the requester sees so on the page, and the correspondence log shows the confirmation failed.
            log.warn("Portability package of request {}: sent, but the requester's confirmation was not (transmission id {})",
                    request.reference(), id);
        }
        log.info("Portability package of request {} sent to another organisation (transmission id {})", request.reference(), id);
        return Sent.SENT;
    }

    /**
     * The transmission behind an organisation's link, if it may download now: known, unexpired (the link's own expiry,
     * never beyond the answer's documents), downloaded fewer than {@code max-downloads} times. {@code why} says why not.
     */
    public Optional<Opened> open(String token, StringBuilder why) {
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.TRANSMISSION);
        Optional<Transmission> transmission = state.flatMap(found -> parse(found.holder())).flatMap(this::find)
                .filter(found -> found.requestId() == state.get().requestId());
        if (transmission.isEmpty()) {
            why.append(Refused.UNKNOWN);
            return Optional.empty();
        }
        DsrRequest request = requests.findById(transmission.get().requestId()).orElseThrow();
        boolean documentsKept = documents.latest(request.id(), DocumentService.JSON)
                .filter(json -> clock.instant().isBefore(json.expiresAt())).isPresent();
        if (state.get().isExpired() || !documentsKept) {
            why.append(Refused.EXPIRED);
            return Optional.empty();
        }
        return Optional.of(new Opened(transmission.get(), request, state.get().isUsed()));
    }

    /** An organisation's link opened: its transmission, the request, and whether a first download already used it. */
    public record Opened(Transmission transmission, DsrRequest request, boolean used) {
    }

    /**
     * The first download uses the link: from then on it works in that browser session only (the caller keeps the
     * transmission's id in it). False when another session used it first.
     */
    public boolean claim(String token) {
        return tokens.use(token, TokenPurpose.TRANSMISSION);
    }

    /** Counts a download, unless the transmission had {@code max-downloads} already (then false, nothing counted). */
    public boolean recordDownload(long transmissionId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update dsr_transmission set downloads = downloads + 1, last_downloaded_at = :now,
                        first_downloaded_at = coalesce(first_downloaded_at, :now) where id = :id and downloads < :max""")
                .param("now", Jdbc.utc(now)).param("id", transmissionId).param("max", settings.maxDownloads()).update() == 1;
    }

    private static Optional<Long> parse(String holder) {
        try {
            return holder == null ? Optional.empty() : Optional.of(Long.parseLong(holder));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
