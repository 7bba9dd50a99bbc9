package org.dsrflow.security.web;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Group checks for the staff API ({@code /api/staff/**}). Authentication itself is done by the
 * REST authentication filter, which sets Camunda's current authentication for the request.
 */
@Component
public class StaffAccess {

    private final IdentityService identity;

    StaffAccess(IdentityService identity) {
        this.identity = identity;
    }

    /** Who is signed in: their engine user id and groups (as the authentication filter set them, never from the request). */
    public record Staff(String userId, List<String> groups) {
    }

    /** The signed-in staff member; 401 without one. */
    public Staff signedIn() {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authentication required");
        }
        return new Staff(authentication.getUserId(),
                authentication.getGroupIds() == null ? List.of() : List.copyOf(authentication.getGroupIds()));
    }

    /**
     * Runs {@code work} as the member of staff a staff page's session names ({@link StaffSessions#current}), so the
     * engine checks its authorizations for them and {@link #signedIn()} answers them, as on the staff API.
     */
    public <T> T as(StaffSessions.StaffUser user, java.util.function.Supplier<T> work) {
        identity.setAuthentication(user.userId(), user.groups());
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The authenticated user's id; 403 unless they belong to one of {@code groups} (or are an administrator). */
    public String requireAnyGroup(String... groups) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authentication required");
        }
        List<String> memberships = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (memberships.contains(Groups.CAMUNDA_ADMIN) || Arrays.stream(groups).anyMatch(memberships::contains)) {
            return authentication.getUserId();
        }
        throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                "Only members of " + String.join(" or ", groups) + " may use this endpoint");
    }
}
