package org.dsrflow.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about the organisation and the installation that is configuration, not code.
 * The shipped values (application.yaml) model the reference organisation.
 */
@Validated
@ConfigurationProperties(prefix = "dsr")
public record DsrProperties(
        /* The public address in links; empty: http://localhost and the port the application listens on (support/PublicLinks). */
        URI publicBaseUrl,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Mail mail,
        @Valid @NotNull Confirmation confirmation,
        @Valid @NotNull DeadlineSettings deadlines,
        @Valid @NotNull Notifications notifications,
        @Valid @NotNull Response response,
        @Valid @NotNull RateLimits rateLimits,
        @Valid @NotNull Retention retention,
        @Valid @NotNull RepeatRequests repeatRequests,
        @Valid @NotNull Fees fees,
        @Valid @NotNull DevMailbox devMailbox,
        @Valid @NotNull Organisation organisation) {

    public record Admin(@NotBlank String user, String password) {
    }

    public record Demo(boolean enabled, String password) {
    }

    /**
     * The development mailbox (default profile without SMTP) shows live confirmation, status and
     * download links: it answers callers on this computer only, unless {@code remoteAccess}.
     */
    public record DevMailbox(boolean remoteAccess) {
    }

    /**
     * Outgoing email: the sender (and optional reply-to) address, and the retry cycle of the send
     * tasks (ISO-8601 repeat, e.g. R5/PT5M = five attempts in all, five minutes apart; then an incident).
     */
    public record Mail(@NotBlank String from, String replyTo, @NotBlank String retryCycle) {
    }

    public record Confirmation(@NotNull Duration linkValidity) {
    }

    /**
     * The processing register: who we are, in which languages we answer, our sites, departments,
     * data categories, purposes, legal bases and recipients. Every text a requester may read is a
     * {@link Text} in each of {@code languages}; the first language is the default.
     */
    public record Organisation(
            @NotEmpty List<@NotBlank String> languages,
            @NotNull Text name,
            @NotNull Text contact,
            @NotNull Text automatedDecisions,
            @NotNull Text transfers,
            @NotEmpty Map<String, @Valid Site> sites,
            @NotEmpty Map<String, Text> legalBases,
            /* The legal bases a person may object to (Art. 21(1)): those for Art. 6(1)(e) public task and 6(1)(f) legitimate interests. */
            List<@NotBlank String> objectionBases,
            /* The legal bases that are the person's consent (Art. 6(1)(a), 9(2)(a)): an objection to these purposes withdraws it (Art. 7(3)). */
            List<@NotBlank String> consentBases,
            /* The legal bases data portability covers (Art. 20(1)(a)): consent (Art. 6(1)(a), 9(2)(a)) and contract (Art. 6(1)(b)). */
            List<@NotBlank String> portabilityBases,
            @NotEmpty Map<String, @Valid Purpose> purposes,
            Map<String, @Valid Recipient> recipients,
            @NotEmpty Map<String, @Valid Department> departments,
            @NotEmpty Map<String, @Valid Category> categories,
            /* Standard reasons for a refusal, an extension and a fee, in every language; optional. */
            @Valid Reasons reasons) {

        // Bound through this one; the shorter constructor is for tests and tools.
        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Organisation {
            recipients = recipients == null ? Map.of() : recipients;
            objectionBases = objectionBases == null ? List.of() : List.copyOf(objectionBases);
            consentBases = consentBases == null ? List.of() : List.copyOf(consentBases);
            portabilityBases = portabilityBases == null ? List.of() : List.copyOf(portabilityBases);
            reasons = reasons == null ? new Reasons(null, null, null) : reasons;
        }

        /** A register without standard reasons (tests, tools). */
        public Organisation(List<String> languages, Text name, Text contact, Text automatedDecisions, Text transfers,
                            Map<String, Site> sites, Map<String, Text> legalBases, List<String> objectionBases,
                            List<String> consentBases, List<String> portabilityBases,
                            Map<String, Purpose> purposes, Map<String, Recipient> recipients,
                            Map<String, Department> departments, Map<String, Category> categories) {
            this(languages, name, contact, automatedDecisions, transfers, sites, legalBases, objectionBases, consentBases,
                    portabilityBases, purposes, recipients, departments, categories, null);
        }

        /** The language a processor or recipient is written to in: its own, else the default language. */
        public String languageOf(String recipient) {
            Recipient registered = recipients.get(recipient);
            return registered == null || registered.language() == null || registered.language().isBlank()
                    ? defaultLanguage() : registered.language();
        }

        /** A purpose on a legal basis the person may object to (Art. 21(1)). */
        public boolean objectable(String purpose) {
            Purpose registered = purposes.get(purpose);
            return registered != null && objectionBases.contains(registered.legalBasis());
        }

        /** A category processed for at least one purpose the person may object to. */
        public boolean objectable(Category category) {
            return category.purposes().stream().anyMatch(this::objectable);
        }

        /** A purpose on the person's consent: an objection to it is a withdrawal of that consent (Art. 7(3)), never weighed. */
        public boolean withdrawable(String purpose) {
            Purpose registered = purposes.get(purpose);
            return registered != null && consentBases.contains(registered.legalBasis());
        }

        /** A category an objection reaches: processed for a purpose open to objection (Art. 21(1)) or on consent (Art. 7(3)). */
        public boolean objectionReaches(Category category) {
            return category.purposes().stream().anyMatch(purpose -> objectable(purpose) || withdrawable(purpose));
        }

        public List<String> categoryIds() {
            return List.copyOf(categories.keySet());
        }

        public Category category(String id) {
            Category category = categories.get(id);
            if (category == null) {
                throw new IllegalArgumentException("unknown data category " + id);
            }
            return category;
        }

        public Department department(String id) {
            Department department = departments.get(id);
            if (department == null) {
                throw new IllegalArgumentException("unknown department " + id);
            }
            return department;
        }

        /** Art. 17(2): a category processed for a purpose that makes the data public. */
        public boolean madePublic(String category) {
            Category registered = categories.get(category);
            return registered != null && registered.purposes().stream().map(purposes::get)
                    .anyMatch(purpose -> purpose != null && purpose.madePublic() != null);
        }

        /** The default language: the first of {@code languages}, also the language of staff texts. */
        public String defaultLanguage() {
            return languages.get(0);
        }

        /**
         * Every requester-facing text of the register by its key (as in the YAML, e.g.
         * {@code categories.contact.name}); a text left out of the YAML is here as null.
         */
        public Map<String, Text> texts() {
            Map<String, Text> texts = new java.util.LinkedHashMap<>();
            texts.put("name", name);
            texts.put("contact", contact);
            texts.put("automated-decisions", automatedDecisions);
            texts.put("transfers", transfers);
            sites.forEach((code, site) -> {
                texts.put("sites[" + code + "].name", site.name());
                texts.put("sites[" + code + "].authority.name", site.authority().name());
                texts.put("sites[" + code + "].authority.address", site.authority().address());
            });
            legalBases.forEach((id, text) -> texts.put("legal-bases." + id, text));
            purposes.forEach((id, purpose) -> texts.put("purposes." + id + ".name", purpose.name()));
            recipients.forEach((id, recipient) -> {
                texts.put("recipients." + id + ".name", recipient.name());
                if (recipient.thirdCountry() != null) {
                    texts.put("recipients." + id + ".third-country.country", recipient.thirdCountry().country());
                    texts.put("recipients." + id + ".third-country.safeguard", recipient.thirdCountry().safeguard());
                }
            });
            departments.forEach((id, department) -> {
                texts.put("departments." + id + ".name", department.name());
                for (RetentionRule rule : department.retentionRules()) {
                    String key = "departments." + id + ".retention-rules[" + rule.id() + "]";
                    texts.put(key + ".label", rule.label());
                    texts.put(key + ".legal-basis", rule.legalBasis());
                    texts.put(key + ".period", rule.period());
                    rule.periodBySite().forEach((site, period) -> texts.put(key + ".period-by-site[" + site + "]", period));
                }
            });
            categories.forEach((id, category) -> {
                texts.put("categories." + id + ".name", category.name());
                texts.put("categories." + id + ".description", category.description());
                texts.put("categories." + id + ".retention", category.retention());
                texts.put("categories." + id + ".source", category.source());
            });
            reasons.byKind().forEach((kind, list) -> list.forEach(reason ->
                    texts.put("reasons." + kind.key() + "[" + reason.id() + "].text", reason.text())));
            return texts;
        }

        /** Staff texts are English, like Camunda's webapps: the register's English, or its first language without it. */
        public String staffLanguage() {
            return languages.contains("en") ? "en" : defaultLanguage();
        }
    }

    /**
     * A data category of the register, with the Art. 15(1) information about it: the purposes (each
     * with its legal basis) and recipients are ids of the register's {@code purposes} and {@code recipients}.
     */
    public record Category(
            @NotNull Text name,
            @NotNull Text description,
            @NotEmpty List<@NotBlank String> purposes,
            List<@NotBlank String> recipients,
            @NotNull Text retention,
            @NotNull Text source,
            @NotEmpty List<@NotBlank String> departments,
            boolean specialCategory,
            /* Art. 20: provided by the person (or observed from their use) and processed on consent or contract by automated means. */
            boolean portable,
            /* Instead of portable: true, the purposes whose data portability covers (each on one of portability-bases). */
            List<@NotBlank String> portablePurposes) {

        public Category {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            portablePurposes = portablePurposes == null ? List.of() : List.copyOf(portablePurposes);
        }

        /** The purposes whose data a portability request covers: all with {@code portable: true}, else those listed. */
        public List<String> portablePurposeIds() {
            return portable ? purposes : portablePurposes;
        }

        /** Whether a portability request about this category goes to its departments at all. */
        public boolean portableInPart() {
            return !portablePurposeIds().isEmpty();
        }
    }

    /** What a standard reason is given for; {@link #key()} is its key under {@code reasons} in the register. */
    public enum ReasonKind {
        /** A refusal or partial refusal (Art. 12(4), 12(5)(b)). */
        REFUSAL("refusal"),
        /** An extension by two further months (Art. 12(3): complexity and number of the requests only). */
        EXTENSION("extension"),
        /** A fee for a manifestly unfounded or excessive request (Art. 12(5)(a)). */
        FEE("fee");

        private final String key;

        ReasonKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * The standard reasons staff may pick instead of (or before) writing their own, per kind. The process and
     * dsr-flow's tables carry the id; the requester reads the text in their language.
     */
    public record Reasons(List<@Valid Reason> refusal, List<@Valid Reason> extension, List<@Valid Reason> fee) {

        public Reasons {
            refusal = refusal == null ? List.of() : List.copyOf(refusal);
            extension = extension == null ? List.of() : List.copyOf(extension);
            fee = fee == null ? List.of() : List.copyOf(fee);
        }

        public List<Reason> of(ReasonKind kind) {
            return switch (kind) {
                case REFUSAL -> refusal;
                case EXTENSION -> extension;
                case FEE -> fee;
            };
        }

        public java.util.Optional<Reason> find(ReasonKind kind, String id) {
            return of(kind).stream().filter(reason -> reason.id().equals(id)).findFirst();
        }

        public Map<ReasonKind, List<Reason>> byKind() {
            Map<ReasonKind, List<Reason>> all = new java.util.EnumMap<>(ReasonKind.class);
            for (ReasonKind kind : ReasonKind.values()) {
                all.put(kind, of(kind));
            }
            return all;
        }
    }

    /**
     * One standard reason: {@code label} is what staff pick (English), {@code text} what the requester reads.
     * {@code detailsRequired}: the text announces facts that follow, so staff must add them.
     */
    public record Reason(@NotBlank String id, @NotBlank String label, @NotNull Text text, boolean detailsRequired) {
    }

    /**
     * Why we process data (Art. 13(1)(c)), on the legal basis with this id in {@code legal-bases}.
     * {@code madePublic} (optional): the purpose publishes the data, and where (a short text for staff, e.g.
     * "testimonials on our website"): erasing it asks for the Art. 17(2) step.
     */
    public record Purpose(@NotNull Text name, @NotBlank String legalBasis, String madePublic) {

        @org.springframework.boot.context.properties.bind.ConstructorBinding // the register binds all three
        public Purpose {
        }

        public Purpose(Text name, String legalBasis) {
            this(name, legalBasis, null);
        }
    }

    /**
     * Who receives data (Art. 15(1)(c)); a processor acts on our behalf (Art. 28). {@code name} is its role;
     * {@code legalName} its identity where we know it (CJEU C-154/21), said before the role; {@code thirdCountry}
     * where it receives the data outside the EU/EEA (Art. 15(1)(c), 15(2)).
     */
    public record Recipient(@NotNull Text name, String legalName, boolean processor,
                            /* Where the party answers Art. 19 / Art. 28 instructions; without it, departments tell it themselves. */
                            @jakarta.validation.constraints.Email String contact,
                            /* The language its emails and page are in; the organisation's default language when empty. */
                            String language,
                            ThirdCountry thirdCountry) {
    }

    /** A recipient outside the EU/EEA: the country, and the safeguard the transfer relies on (Art. 46), as the person reads them. */
    public record ThirdCountry(Text country, Text safeguard) {
    }

    /**
     * A country site: its time zone ("today" and receipt dates are dates there), its public-holiday
     * calendar (Jollyday code, e.g. GB with subdivision "eng" for England and Wales), how a clock
     * stop counts (SUSPEND in the EU/EEA, RESTART in the UK) and its supervisory authority.
     * Waiting for the requester's answer to a question ({@code clarificationStopsClock}) or for a
     * fee ({@code feeStopsClock}) stops the clock only where the site's rule says so (README,
     * "Clarification and fee"); left out, the clock keeps running. {@code currency}: ISO 4217, the
     * currency of a fee charged there (no fee can be charged without it).
     */
    public record Site(@NotNull Text name, @NotNull ZoneId zone, @NotBlank String holidays,
                       List<String> holidaySubdivisions, @NotNull ClockStopRule clockStop,
                       Boolean clarificationStopsClock, Boolean feeStopsClock, java.util.Currency currency,
                       @Valid @NotNull Authority authority) {

        public Site {
            clarificationStopsClock = Boolean.TRUE.equals(clarificationStopsClock);
            feeStopsClock = Boolean.TRUE.equals(feeStopsClock);
        }
    }

    /** The supervisory authority a requester of a site may complain to (Art. 77). */
    /**
     * A site's supervisory authority. {@code complaintsToUs}: where the site's law gives the person a route to
     * complain to the controller first (UK: DPA 2018 s.164A, in force 19 June 2026), the sentence that offers it;
     * it is said beside the authority and the courts, never instead of them. Optional.
     */
    public record Authority(@NotNull Text name, @NotNull Text address, URI url, Text complaintsToUs) {
    }

    /** Durations of the request's clock; ISO-8601 (P3D = 3 days). */
    public record DeadlineSettings(
            /* Reminder to a requester who has not confirmed the email address. */
            @NotNull Duration confirmationReminder,
            /* An unconfirmed request is closed after this long. */
            @NotNull Duration confirmationExpiry,
            /* Warning to the privacy team this long before the due date; the extension decision opens then. */
            @NotNull Duration warningBefore,
            /* Internal target for a department task, counted from its creation ... */
            @NotNull Duration departmentTarget,
            /* ... but never later than the due date minus this time kept for the privacy review. */
            @NotNull Duration reviewReserve,
            /* The department is reminded (and the task's follow-up date is) this long before its target. */
            @NotNull Duration departmentReminderBefore,
            /* How far back staff may date a request's receipt. */
            @NotNull Duration registrationLimit,
            /* A request waiting for the requester's answer (identity evidence, clarification) is closed after this long. */
            @NotNull Duration replyExpiry,
            /* A requester who has not answered our question is reminded after this long. */
            @NotNull Duration replyReminder) {
    }

    /**
     * Art. 12(5) fees: the requester has {@code paymentPeriod} from the fee notice to pay; the
     * request is closed (with a notice) {@code recordingTime} after that last day, the time the
     * privacy team has to record a payment that arrived on it.
     */
    public record Fees(@NotNull Duration paymentPeriod, @NotNull Duration recordingTime) {
    }

    /** The site's configuration; fails for a site code that is not configured. */
    public Site site(String code) {
        Site site = organisation.sites().get(code);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + code);
        }
        return site;
    }

    /**
     * A department: its key is its Camunda group. {@code systems}: the organisation's systems that hold the
     * department's categories, by system id (unique across the register), searched and acted on by connector.
     */
    public record Department(@NotNull Text name, @NotBlank String email, List<@Valid RetentionRule> retentionRules,
                             Map<String, @Valid SystemEntry> systems) {

        // Bound through this one; the shorter constructor is for tests and tools.
        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Department {
            retentionRules = retentionRules == null ? List.of() : List.copyOf(retentionRules);
            systems = systems == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(systems));
        }

        /** A department whose data no connector reaches (tests, tools). */
        public Department(Text name, String email, List<RetentionRule> retentionRules) {
            this(name, email, retentionRules, null);
        }
    }

    /**
     * One of the organisation's systems in the register: an SQL database ({@code sql}) or an HTTP API
     * ({@code http}), exactly one; how to search it and act on it, per category it holds. Secrets and
     * addresses are never in the register: it names the environment variables (Spring properties) that
     * hold them. Unset limits take their defaults: {@code timeout} 30 s per statement or call,
     * {@code maxRows} 500 and {@code maxBytes} 1 MB per search (the JSON size of the rows; more makes the
     * result "truncated"), {@code retries} 3 with a first wait of {@code retryBackoff} 1 min, doubling, and
     * an external-task {@code lockDuration} of 5 min. {@code worker}: who searches and acts on it, the worker inside
     * the application ({@value #APPLICATION}, the default) or a separate worker process of that name, next to the data.
     */
    public record SystemEntry(String name, @Valid SqlConnection sql, @Valid HttpConnection http,
                              Duration timeout, Integer maxRows, org.springframework.util.unit.DataSize maxBytes,
                              Integer retries, Duration retryBackoff, Duration lockDuration, String worker,
                              Map<String, @Valid SystemCategory> categories) {

        /** The worker inside the application (a separate worker process may also take this name, see the README). */
        public static final String APPLICATION = "application";

        public SystemEntry {
            worker = worker == null || worker.isBlank() ? APPLICATION : worker.strip();
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            maxRows = maxRows == null ? 500 : maxRows;
            maxBytes = maxBytes == null ? org.springframework.util.unit.DataSize.ofMegabytes(1) : maxBytes;
            retries = retries == null ? 3 : retries;
            retryBackoff = retryBackoff == null ? Duration.ofMinutes(1) : retryBackoff;
            lockDuration = lockDuration == null ? Duration.ofMinutes(5) : lockDuration;
            categories = categories == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
        }
    }

    /** A JDBC database: the names of the environment variables with its URL and (optional) credentials. */
    public record SqlConnection(String urlEnv, String usernameEnv, String passwordEnv) {
    }

    /** An HTTP API: the names of the environment variables with its base URL and (optional) Authorization header's whole value. */
    public record HttpConnection(String baseUrlEnv, String authHeaderEnv) {
    }

    /**
     * What a system does for one category: the {@code search} that finds the person's records, and per
     * action (each optional) the steps that run once per confirmed record, in order.
     */
    public record SystemCategory(Step search, List<Step> erase, List<Step> rectify, List<Step> restrict) {

        public SystemCategory {
            erase = erase == null ? List.of() : List.copyOf(erase);
            rectify = rectify == null ? List.of() : List.copyOf(rectify);
            restrict = restrict == null ? List.of() : List.copyOf(restrict);
        }
    }

    /**
     * One step of a search or an action: an SQL statement with named parameters (written in the register as
     * a plain string), or an HTTP call ({@code method}, {@code path} relative to the base URL, for an action
     * an optional JSON {@code body}, for a search the JSON Pointer to the {@code records} in the answer).
     */
    public record Step(String sql, String method, String path, Map<String, Object> body, String records) {

        // Bound through this one (an HTTP call); a plain string becomes an SQL statement through of(String).
        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Step {
            body = body == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        }

        /** A plain string in the register: an SQL statement (Spring's binder converts through this factory). */
        public static Step of(String sql) {
            return new Step(sql, null, null, null, null);
        }

        public boolean isSql() {
            return sql != null;
        }
    }

    /**
     * Why a department may keep data despite an erasure request (GDPR Art. 17(3)) and for how long;
     * {@code periodBySite} overrides {@code period} for a site (e.g. Danish accounting law).
     */
    public record RetentionRule(@NotBlank String id, @NotNull Text label, @NotNull Text legalBasis,
                                @NotNull Text period, Map<String, Text> periodBySite) {

        public RetentionRule {
            periodBySite = periodBySite == null ? Map.of() : periodBySite;
        }

        public Text periodFor(String site) {
            return periodBySite.getOrDefault(site, period);
        }
    }

    /**
     * How the access report reaches the requester: LINK (download links that expire after
     * {@code linkValidity}) or ATTACHMENT (HTML and JSON files attached to the answer email). While a
     * link works, the status page emails a new one on request, at most {@code linkResends} times.
     */
    /**
     * The answer's delivery: by link (or attachment), how long a link works, how many new links a request may have; the
     * one-time code a download asks for first ({@code downloadCode}: for answers with special-category data, for all,
     * or never) and how many times the answer may be downloaded while its link works ({@code maxDownloads}); how long
     * after its link expired the answer is kept so that the expired-link page can email a fresh link ({@code renewalGrace}).
     */
    public record Response(@NotNull Delivery delivery, @NotNull Duration linkValidity, @PositiveOrZero int linkResends,
                           DownloadCode downloadCode, Integer maxDownloads, Duration renewalGrace) {

        public Response {
            downloadCode = downloadCode == null ? DownloadCode.SPECIAL_CATEGORIES : downloadCode;
            maxDownloads = maxDownloads == null ? 20 : maxDownloads;
            renewalGrace = renewalGrace == null ? Duration.ofDays(30) : renewalGrace;
        }

        public enum Delivery { LINK, ATTACHMENT }

        /** When the download page asks for a one-time code sent to the request's address. */
        public enum DownloadCode { SPECIAL_CATEGORIES, ALL, NONE }
    }

    /**
     * Retention of the system's own data: the requester's personal data is erased {@code eraseAfter}
     * a request closes (the anonymous register entry stays), checked on {@code cycle} (cron or
     * ISO-8601); the engine's history of a request process lives {@code historyTimeToLive}.
     */
    public record Retention(@NotNull Duration eraseAfter, @NotBlank String cycle, @NotNull Duration historyTimeToLive) {
    }

    /**
     * Art. 12(5): a request by an address that had a request answered within {@code within} is shown
     * to the privacy team as a repeat (never refused automatically). The address is erased
     * {@code retention.erase-after} after closure, so a longer period finds nothing more.
     */
    public record RepeatRequests(@NotNull Duration within) {
    }

    /** How often one address may do each thing on the public pages and API, per hour. */
    public record RateLimits(int submissionsPerHour, int confirmationsPerHour, int statusLookupsPerHour,
                             int downloadsPerHour, int repliesPerHour) {
    }

    /** Where staff emails go: the privacy team and the managers (shared mailboxes). */
    public record Notifications(@NotBlank String privacyTeam, @NotBlank String managers) {
    }
}
