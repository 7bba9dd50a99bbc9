package org.dsrflow.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A data-subject request as stored in the application's own table. */
public record DsrRequest(
        long id,
        String reference,
        RequestType type,
        String site,
        Language language,
        Channel channel,
        String requesterName,
        String requesterEmail,
        List<String> categories,
        String details,
        RequestStatus status,
        LocalDate receivedOn,
        Instant createdAt,
        Instant confirmedAt,
        Instant closedAt,
        LocalDate dueDate,
        LocalDate extendedDueDate,
        String extensionReasons,
        Instant extendedAt,
        boolean overdue,
        String processInstanceId,
        boolean onBehalf,
        /* Restriction (Art. 18(1)): the ground given, or null. */
        RestrictionGround restrictionGround,
        /* Where a letter reaches the person (a request by post or phone without an email address), or null. */
        String postalAddress,
        /* The register's standard reason picked for an extension (its id), or null. */
        String extensionReason) {

    /** Whether the person can be written to by email; otherwise what they are sent goes by post. */
    public boolean hasEmail() {
        return requesterEmail != null && !requesterEmail.isBlank();
    }

    public boolean extended() {
        return extendedAt != null;
    }
}
