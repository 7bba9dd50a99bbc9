package org.dsrflow.sla.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

@Path("plugin/" + SlaCockpitPlugin.ID)
public class SlaPluginRootResource extends AbstractCockpitPluginRootResource {

    public SlaPluginRootResource() {
        super(SlaCockpitPlugin.ID);
    }

    @Path("{engineName}/sla")
    public SlaPluginResource sla(@PathParam("engineName") String engineName) {
        return subResource(new SlaPluginResource(engineName), engineName);
    }

    @Path("{engineName}/register.csv")
    public RegisterPluginResource register(@PathParam("engineName") String engineName) {
        return subResource(new RegisterPluginResource(engineName), engineName);
    }
}
