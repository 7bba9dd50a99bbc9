package org.dsrflow.sla.cockpit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.dsrflow.sla.RegisterExport;

/**
 * The register CSV for the dashboard's download link. The staff API's copy wants HTTP basic or a
 * bearer token, which a browser logged into Cockpit does not have; here Cockpit's own session
 * authenticates (managers, the privacy team, administrators), and the file is the same.
 */
public class RegisterPluginResource extends AbstractCockpitPluginResource {

    public RegisterPluginResource(String engineName) {
        super(engineName);
    }

    @GET
    @Produces("text/csv")
    public Response register() {
        CockpitStaff.require(getCurrentAuthentication(), "the register");
        RegisterExport register = SlaBridge.register();
        StreamingOutput csv = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            register.write(writer);
        };
        return Response.ok(csv, RegisterExport.CONTENT_TYPE)
                .header("Content-Disposition", RegisterExport.CONTENT_DISPOSITION).build();
    }
}
