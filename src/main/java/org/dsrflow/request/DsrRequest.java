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
        RestrictionGround restrictionGround) {

    public boolean extended() {
        return extendedAt != null;
    }
}
