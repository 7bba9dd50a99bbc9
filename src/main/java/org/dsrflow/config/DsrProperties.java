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

    public record Site(@NotBlank String name, @NotNull ZoneId zone, @NotBlank String authority, URI authorityUrl) {
    }

    /** The site's configuration; fails for a site code that is not configured. */
    public Site site(String code) {
        Site site = organisation.sites().get(code);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + code);
        }
        return site;
    }

    public record Department(@NotBlank String name) {
    }

    /** The public link for a path of this application, e.g. {@code link("/confirm?token=x")}. */
    public String link(String pathAndQuery) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }
}
