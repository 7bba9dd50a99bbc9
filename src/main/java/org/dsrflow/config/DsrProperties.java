package org.dsrflow.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.dsrflow.deadlines.ClockStopRule;
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

    /** The processing register: who we are, our sites, departments and data categories. */
    public record Organisation(
            @NotBlank String name,
            @NotBlank String contact,
            @NotBlank String automatedDecisions,
            @NotBlank String transfers,
            @NotEmpty Map<String, @Valid Category> categories,
            @NotEmpty Map<String, @Valid Site> sites,
            @NotEmpty Map<String, @Valid Department> departments) {

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
    }

    /** A data category of the register, with the Art. 15(1) information about it. */
    public record Category(
            @NotBlank String name,
            @NotBlank String description,
            @NotEmpty List<@NotBlank String> purposes,
            @NotBlank String legalBasis,
            @NotNull List<@NotBlank String> recipients,
            @NotBlank String retention,
            @NotBlank String source,
            @NotEmpty List<@NotBlank String> departments,
            boolean specialCategory) {
    }

    /**
     * A country site: its time zone ("today" and receipt dates are dates there), its public-holiday
     * calendar (Jollyday code, e.g. GB with subdivision "eng" for England and Wales), how a clock
     * stop counts (SUSPEND in the EU/EEA, RESTART in the UK) and its supervisory authority.
     */
    public record Site(@NotBlank String name, @NotNull ZoneId zone, @NotBlank String holidays,
                       List<String> holidaySubdivisions, @NotNull ClockStopRule clockStop,
                       @NotBlank String authority, URI authorityUrl) {
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
            @NotNull Duration replyExpiry) {
    }

    /** The site's configuration; fails for a site code that is not configured. */
    public Site site(String code) {
        Site site = organisation.sites().get(code);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + code);
        }
        return site;
    }

    /** A department: its key is its Camunda group. */
    public record Department(@NotBlank String name, @NotBlank String email, List<@Valid RetentionRule> retentionRules) {

        public Department {
            retentionRules = retentionRules == null ? List.of() : List.copyOf(retentionRules);
        }
    }

    /**
     * Why a department may keep data despite an erasure request (GDPR Art. 17(3)) and for how long;
     * {@code periodBySite} overrides {@code period} for a site (e.g. Danish accounting law).
     */
    public record RetentionRule(@NotBlank String id, @NotBlank String label, @NotBlank String legalBasis,
                                @NotBlank String period, Map<String, String> periodBySite) {

        public String periodFor(String site) {
            return periodBySite != null && periodBySite.containsKey(site) ? periodBySite.get(site) : period;
        }
    }

    /**
     * How the access report reaches the requester: LINK (download links that expire after
     * {@code linkValidity}) or ATTACHMENT (HTML and JSON files attached to the answer email).
     */
    public record Response(@NotNull Delivery delivery, @NotNull Duration linkValidity) {

        public enum Delivery { LINK, ATTACHMENT }
    }

    /**
     * Retention of the system's own data: the requester's personal data is erased {@code eraseAfter}
     * a request closes (the anonymous register entry stays), checked on {@code cycle} (cron or
     * ISO-8601); the engine's history of a request process lives {@code historyTimeToLive}.
     */
    public record Retention(@NotNull Duration eraseAfter, @NotBlank String cycle, @NotNull Duration historyTimeToLive) {
    }

    /** How often one address may do each thing on the public pages and API, per hour. */
    public record RateLimits(int submissionsPerHour, int confirmationsPerHour, int statusLookupsPerHour,
                             int downloadsPerHour, int repliesPerHour) {
    }

    /** Where staff emails go: the privacy team and the managers (shared mailboxes). */
    public record Notifications(@NotBlank String privacyTeam, @NotBlank String managers) {
    }
}
