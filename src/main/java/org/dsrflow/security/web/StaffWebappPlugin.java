package org.dsrflow.security.web;

import java.util.List;
import org.camunda.bpm.admin.plugin.spi.AdminPlugin;
import org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin;
import org.camunda.bpm.tasklist.plugin.spi.TasklistPlugin;
import org.camunda.bpm.webapp.plugin.spi.impl.AbstractAppPlugin;
import org.camunda.bpm.welcome.plugin.spi.WelcomePlugin;

/**
 * dsr-flow's part in Camunda's webapps (service-loader registered for Tasklist, Cockpit, Admin and the
 * welcome page; its script and style sheet, {@code plugin-webapp/dsr-staff/app/}, are served by
 * {@link StaffWebappAssets}). Tasklist offers only what a person's role can do here: no "Create task"
 * (dsr-flow has no standalone tasks), no "Add Comment" (the task work guard refuses comments), "Start
 * process" only to those who may start a process from Tasklist. No webapp shows Camunda's banner about
 * migrating to Camunda 8, which is the operator's concern, not staff's. Hiding is not the protection:
 * the engine refuses all of these ({@code guard/TaskWorkGuard}, {@code setup/IdentitySetup}).
 */
public class StaffWebappPlugin extends AbstractAppPlugin implements TasklistPlugin, CockpitPlugin, AdminPlugin, WelcomePlugin {

    public static final String ID = "dsr-staff";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<String> getMappingFiles() {
        return List.of();
    }
}
