package org.dsrflow.sla.cockpit;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.dsrflow.security.StaffGroups;

/** Who may use the dsr-flow Cockpit plugin's resources: managers, the privacy team and administrators. */
final class CockpitStaff {

    private CockpitStaff() {
    }

    /** 401 without a Cockpit log-in; 403 naming {@code what} for anyone else (a department, say). */
    static void require(Authentication authentication, String what) {
        if (authentication == null || authentication.getUserId() == null) {
            throw new NotAuthorizedException("Log into Cockpit");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (!(groups.contains(StaffGroups.MANAGERS) || groups.contains(StaffGroups.PRIVACY)
                || groups.contains(Groups.CAMUNDA_ADMIN))) {
            throw new ForbiddenException("Only managers and the privacy team see " + what);
        }
    }
}
