package org.dsrflow.casefile;

import jakarta.ws.rs.Path;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

/** Serves the Tasklist plugin's script and style sheet ({@code /camunda/api/tasklist/plugin/dsr-links/static/app/plugin.*}). */
@Path("plugin/" + TasklistLinksPlugin.ID)
public class TasklistLinksRootResource extends AbstractTasklistPluginRootResource {

    public TasklistLinksRootResource() {
        super(TasklistLinksPlugin.ID);
    }
}
