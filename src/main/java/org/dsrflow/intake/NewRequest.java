package org.dsrflow.intake;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a requester submits. Enumerations arrive as strings so that an unknown value is reported
 * against its field, like any other bad input. Control characters (CR, LF, ...) are refused in
 * every single-line field: they would end up in email headers.
 */
public record NewRequest(
        @NotBlank(message = "is required")
        @Size(max = 40, message = "is not a known request type")
        String type,

        @NotBlank(message = "is required")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String name,

        /* Required, except in the privacy team's registration of a letter or a call with a postal address (StaffRegistration). */
        @NotBlank(message = "is required")
        @Size(max = 254, message = "must be at most 254 characters")
        @Email(message = "must be a valid email address")
        @Pattern(regexp = "[^\\s@]+@[^\\s@]+\\.[^\\s@]+", message = "must be a valid email address")
        String email,

        @NotBlank(message = "is required")
        @Size(max = 8, message = "is not a known site")
        String site,

        @NotBlank(message = "is required")
        @Size(max = 8, message = "is not a language we answer in")
        String language,

        @Size(max = 20, message = "must list at most 20 categories")
        List<@NotBlank(message = "must not be blank") @Size(max = 40, message = "is not a known category") String> categories,

        @Size(max = 4000, message = "must be at most 4000 characters")
        String details,

        /* Acting on someone else's behalf: the agent's name and email, and their statement of authorisation. */
        Boolean onBehalf,

        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String agentName,

        @Size(max = 254, message = "must be at most 254 characters")
        @Email(message = "must be a valid email address")
        @Pattern(regexp = "([^\\s@]+@[^\\s@]+\\.[^\\s@]+)?", message = "must be a valid email address")
        String agentEmail,

        Boolean authorisationConfirmed,

        /* Restriction (Art. 18(1)): the ground, one of RestrictionGround; optional, the details may say it. */
        @Size(max = 40, message = "is not a known ground")
        String ground,

        /* The privacy team's registration only: where a letter reaches the person (lines, no other control characters). */
        @Size(max = 600, message = "must be at most 600 characters")
        @Pattern(regexp = "(?:[^\\p{Cntrl}]|\\r?\\n)*", message = "must not contain control characters other than line breaks")
        String postalAddress) {

    /** A request with a restriction ground, without a postal address. */
    public NewRequest(String type, String name, String email, String site, String language, List<String> categories,
                      String details, Boolean onBehalf, String agentName, String agentEmail, Boolean authorisationConfirmed,
                      String ground) {
        this(type, name, email, site, language, categories, details, onBehalf, agentName, agentEmail,
                authorisationConfirmed, ground, null);
    }

    /** A request without a restriction ground. */
    public NewRequest(String type, String name, String email, String site, String language, List<String> categories,
                      String details, Boolean onBehalf, String agentName, String agentEmail, Boolean authorisationConfirmed) {
        this(type, name, email, site, language, categories, details, onBehalf, agentName, agentEmail,
                authorisationConfirmed, null);
    }

    /** A request made by the data subject themselves. */
    public NewRequest(String type, String name, String email, String site, String language, List<String> categories,
                      String details) {
        this(type, name, email, site, language, categories, details, false, null, null, null);
    }

    public boolean actingOnBehalf() {
        return Boolean.TRUE.equals(onBehalf);
    }
}
