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
        @NotNull URI publicBaseUrl,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Mail mail,
        @Valid @NotNull Confirmation confirmation,
        @Valid @NotNull DeadlineSettings deadlines,
        @Valid @NotNull Notifications notifications,
        @Valid @NotNull Organisation organisation) {

    public record Admin(@NotBlank String user, String password) {
    }

    public record Demo(boolean enabled, String password) {
    }

    public record Mail(@NotBlank String from) {
    }

    public record Confirmation(@NotNull Duration linkValidity) {
    }

    public record Organisation(
            @NotBlank String name,
            @NotEmpty List<String> categories,
            @NotEmpty Map<String, @Valid Site> sites,
            @NotEmpty Map<String, @Valid Department> departments) {
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
            @NotNull Duration registrationLimit) {
    }

    /** The site's configuration; fails for a site code that is not configured. */
    public Site site(String code) {
        Site site = organisation.sites().get(code);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + code);
        }
        return site;
    }

    public record Department(@NotBlank String name, @NotBlank String email) {
    }

    /** Where staff emails go: the privacy team and the managers (shared mailboxes). */
    public record Notifications(@NotBlank String privacyTeam, @NotBlank String managers) {
    }

    /** The public link for a path of this application, e.g. {@code link("/confirm?token=x")}. */
    public String link(String pathAndQuery) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }
}
