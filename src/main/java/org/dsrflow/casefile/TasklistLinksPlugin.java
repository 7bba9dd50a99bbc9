package org.dsrflow.casefile;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * A script and style sheet for Camunda Tasklist (service-loader registered), so that a task form's
 * links (e.g. "Open the request") work as staff expect. Tasklist 7.24 shows an unclaimed task's form
 * under a transparent overlay ({@code .disabled-form:before}, z-index 1000) that catches every click,
 * links included, and renders form-js links without a target, so a link replaced Tasklist (and the
 * form) in the same tab. The style sheet lifts the form's links above the overlay (inputs stay
 * covered until the task is claimed); the script opens them in a new tab.
 * Assets: {@code plugin-webapp/dsr-links/app/plugin.js} and {@code plugin.css}, served by {@link TasklistLinksRootResource}.
 */
public class TasklistLinksPlugin extends AbstractTasklistPlugin {

    public static final String ID = "dsr-links";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(TasklistLinksRootResource.class);
    }
}
