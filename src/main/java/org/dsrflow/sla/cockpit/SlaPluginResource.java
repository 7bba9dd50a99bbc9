package org.dsrflow.sla.cockpit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
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
        CockpitStaff.require(getCurrentAuthentication(), "the SLA figures");
        return SlaBridge.service().figures();
    }
}
