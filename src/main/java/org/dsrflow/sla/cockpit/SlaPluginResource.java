package org.dsrflow.sla.cockpit;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.dsrflow.security.StaffGroups;
import org.dsrflow.sla.SlaFigures;

/**
 * The SLA figures for the Cockpit dashboard: the logged-in Cockpit user must be a manager, in the
 * privacy team or an administrator.
 */
public class SlaPluginResource extends AbstractCockpitPluginResource {

    public SlaPluginResource(String engineName) {
        super(engineName);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SlaFigures figures() {
        Authentication authentication = getCurrentAuthentication();
        if (authentication == null) {
            throw new NotAuthorizedException("Log into Cockpit");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (!(groups.contains(StaffGroups.MANAGERS) || groups.contains(StaffGroups.PRIVACY)
                || groups.contains(Groups.CAMUNDA_ADMIN))) {
            throw new ForbiddenException("Only managers and the privacy team see the SLA figures");
        }
        return SlaBridge.service().figures();
    }
}
