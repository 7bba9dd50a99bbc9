package org.dsrflow.security.sso;

import java.util.List;
import org.camunda.bpm.admin.plugin.spi.AdminPlugin;
import org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin;
import org.camunda.bpm.tasklist.plugin.spi.TasklistPlugin;
import org.camunda.bpm.webapp.plugin.spi.impl.AbstractAppPlugin;
import org.camunda.bpm.welcome.plugin.spi.WelcomePlugin;

/**
 * Puts one script into each Camunda webapp (service-loader registered for Tasklist, Cockpit, Admin and
 * the welcome page); its content depends on whether single sign-on is on and is served by
 * {@link WebappSignInFilter}.
 */
public class WebappSsoPlugin extends AbstractAppPlugin implements TasklistPlugin, CockpitPlugin, AdminPlugin, WelcomePlugin {

    public static final String ID = "dsr-sso";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<String> getMappingFiles() {
        return List.of();
    }
}
