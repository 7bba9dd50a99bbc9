package org.dsrflow.sla.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The SLA dashboard in Camunda Cockpit (service-loader registered): a JAX-RS resource under
 * {@code /camunda/api/cockpit/plugin/dsr-sla/} and the front-end module {@code plugin-webapp/dsr-sla/app/plugin.js}.
 */
public class SlaCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "dsr-sla";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(SlaPluginRootResource.class);
    }

    @Override
    public String getAssetDirectory() {
        return "plugin-webapp/" + ID;
    }
}
