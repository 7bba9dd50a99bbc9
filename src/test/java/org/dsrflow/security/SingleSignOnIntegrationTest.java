package org.dsrflow.security;

import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestIdentityProvider;
import org.dsrflow.testsupport.WithGreenMail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with single sign-on against one real OpenID provider ({@link TestIdentityProvider})
 * for all single sign-on classes: one configuration, so one application context for them. Each class
 * has its own users; the provider lives as long as the JVM (it is started with the context, and a
 * later context of this configuration gets a new one).
 */
@SmtpIntegrationTest
abstract class SingleSignOnIntegrationTest extends WithGreenMail {

    static TestIdentityProvider provider;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        TestIdentityProvider started = TestIdentityProvider.start();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        provider = started;
        provider.applicationSettings().forEach((name, value) -> registry.add(name, () -> value));
        // Provider group names as a Keycloak group path and as display names: bracketed keys keep them whole.
        registry.add("dsr.sso.groups.[/dsr/privacy]", () -> "privacy");
        registry.add("dsr.sso.groups.[DSR Sales]", () -> "sales");
        registry.add("dsr.sso.groups.[DSR Training]", () -> "training");
        // SingleSignOnApiTest's users.
        provider.addUser("pia", "/dsr/privacy", "Everyone");
        provider.addUser("sam", "DSR Sales", "Everyone");
        provider.addUser("oscar", "Everyone", "DSR Marketing");
        // Provider users whose user name (and sub) is a local user's id: the administrator, a department's demo user.
        provider.addUser("admin", "DSR Sales");
        provider.addUser("sales", "Everyone");
        provider.addUser("rita", "/dsr/privacy", "DSR Sales");
        // SingleSignOnTasklistBrowserTest's user.
        provider.addUser("tina", "DSR Training", "Everyone");
    }
}
