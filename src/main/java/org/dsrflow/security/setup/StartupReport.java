package org.dsrflow.security.setup;

import org.dsrflow.security.sso.SsoSettings;
import java.util.List;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.PublicLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints, once the application is ready, the URLs to open and the accounts to log in with.
 * A generated password is printed here and nowhere else; configured passwords are never printed.
 * With single sign-on, staff sign in through the provider and the local accounts are not shown.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DsrProperties properties;
    private final Environment environment;
    private String adminUser;
    private String generatedAdminPassword;
    private List<String> demoUsers = List.of();
    private String generatedDemoPassword;

    private final PublicLinks links;
    private final ObjectProvider<SsoSettings> sso;

    StartupReport(DsrProperties properties, Environment environment, PublicLinks links, ObjectProvider<SsoSettings> sso) {
        this.links = links;
        this.sso = sso;
        this.properties = properties;
        this.environment = environment;
    }

    void admin(String user, String generatedPassword) {
        this.adminUser = user;
        this.generatedAdminPassword = generatedPassword;
    }

    void demoUsers(List<String> users, String generatedPassword) {
        this.demoUsers = List.copyOf(users);
        this.generatedDemoPassword = generatedPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        String base = links.to("");
        StringBuilder text = new StringBuilder("\n\n  dsr-flow is ready\n");
        text.append("  Request form (public):    ").append(base).append("/\n");
        text.append("  Cockpit, Tasklist, Admin: ").append(base).append("/camunda/app/\n");
        text.append("  Submit a request:         POST ").append(base).append("/api/requests (see README)\n");
        if (environment.containsProperty("local.server.port") && !environment.acceptsProfiles(
                org.springframework.core.env.Profiles.of("prod")) && environment.getProperty("spring.mail.host", "").isBlank()) {
            text.append("  Development mailbox:      ").append(base).append("/dev/mailbox")
                    .append(properties.devMailbox().remoteAccess() ? " (open to the network: DSR_DEV_MAILBOX_REMOTE_ACCESS)\n"
                            : " (only from this computer; DSR_DEV_MAILBOX_REMOTE_ACCESS=true opens it)\n");
        }
        SsoSettings signOn = sso.getIfAvailable();
        if (signOn != null) {
            text.append("  Staff sign in:            single sign-on through ").append(signOn.issuer())
                    .append(" (local accounts are not used)\n");
            log.info(text.toString());
            return;
        }
        text.append("  Administrator:            ").append(adminUser)
                .append(generatedAdminPassword != null ? " / " + generatedAdminPassword + " (generated; set DSR_ADMIN_PASSWORD)" : " / (DSR_ADMIN_PASSWORD)")
                .append('\n');
        if (!demoUsers.isEmpty()) {
            text.append("  Demo users:               ").append(String.join(", ", demoUsers)).append('\n');
            text.append("  Demo password:            ")
                    .append(generatedDemoPassword != null ? generatedDemoPassword + " (generated; set DSR_DEMO_PASSWORD)" : "(DSR_DEMO_PASSWORD)")
                    .append('\n');
        }
        log.info(text.toString());
    }
}
