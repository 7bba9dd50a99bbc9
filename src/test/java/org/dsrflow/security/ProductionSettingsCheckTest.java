package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dsrflow.DsrFlowApplication;
import org.dsrflow.security.setup.InsecureSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The prod profile refuses to start with a missing or known-default administrator password. */
class ProductionSettingsCheckTest {

    @Test
    void missingAdminPasswordStopsStartupWithAClearMessage() {
        assertThatThrownBy(() -> start("--dsr.admin.password="))
                .hasRootCauseInstanceOf(InsecureSettingsException.class)
                .rootCause().hasMessageContaining("DSR_ADMIN_PASSWORD is not set");
    }

    @Test
    void knownDefaultAdminPasswordStopsStartup() {
        assertThatThrownBy(() -> start("--dsr.admin.password=changeme"))
                .rootCause().hasMessageContaining("known default");
        assertThatThrownBy(() -> start("--dsr.admin.password=admin"))
                .rootCause().hasMessageContaining("known default");
    }

    @Test
    void shortAdminPasswordStopsStartup() {
        assertThatThrownBy(() -> start("--dsr.admin.password=Xy7#short"))
                .rootCause().hasMessageContaining("shorter than 12");
    }

    @Test
    void aMissingOrDevelopmentFilesKeyStopsStartup() {
        assertThatThrownBy(() -> start(GOOD, "--dsr.files.encryption-key="))
                .rootCause().hasMessageContaining("DSR_FILES_ENCRYPTION_KEY is not set");
        assertThatThrownBy(() -> start(GOOD, "--dsr.files.encryption-key=ZGV2ZWxvcG1lbnQtb25seS1maWxlcy1rZXktMzJieXQ="))
                .rootCause().hasMessageContaining("DSR_FILES_ENCRYPTION_KEY is the development key");
    }

    @Test
    void h2InsteadOfPostgresStopsStartup() {
        assertThatThrownBy(() -> start(GOOD))
                .rootCause().hasMessageContaining("runs on PostgreSQL");
    }

    @Test
    void aMissingOrPlainHttpPublicAddressStopsStartup() {
        assertThatThrownBy(() -> start(GOOD, "--dsr.public-base-url="))
                .rootCause().hasMessageContaining("DSR_PUBLIC_BASE_URL is not set");
        assertThatThrownBy(() -> start(GOOD, "--dsr.public-base-url=http://privacy.example.org"))
                .rootCause().hasMessageContaining("is not an https address");
        // This computer's own http address is a trial: accepted (the next check is the database).
        assertThatThrownBy(() -> start(GOOD, "--dsr.public-base-url=http://localhost:8080",
                "--server.servlet.session.cookie.secure=false"))
                .rootCause().hasMessageContaining("runs on PostgreSQL");
    }

    @Test
    void cookiesThatMayTravelWithoutTlsStopStartup() {
        for (String cookie : java.util.List.of("server.servlet.session.cookie.secure",
                "camunda.bpm.webapp.session-cookie.enable-secure-cookie", "camunda.bpm.webapp.csrf.enable-secure-cookie")) {
            assertThatThrownBy(() -> start(GOOD, "--" + cookie + "=false"))
                    .rootCause().hasMessageContaining(cookie + " is not true");
        }
    }

    @Test
    void anUndecidedForwardedHeadersSettingStopsStartup() {
        assertThatThrownBy(() -> start(GOOD, "--server.forward-headers-strategy="))
                .rootCause().hasMessageContaining("SERVER_FORWARD_HEADERS_STRATEGY is not set");
    }

    @Test
    void singleSignOnWithAnHttpIssuerStopsStartup() {
        assertThatThrownBy(() -> start(GOOD,
                "--spring.security.oauth2.client.registration.dsr.client-id=dsr-flow",
                "--spring.security.oauth2.client.provider.dsr.issuer-uri=http://login.example.org/realms/staff"))
                .rootCause().hasMessageContaining("provider.dsr.issuer-uri is not an https address");
    }

    @Test
    void aPrivacyMailboxReadWithoutTlsStopsStartup() {
        assertThatThrownBy(() -> start(GOOD, "--dsr.inbox.mailboxes[0].id=privacy", "--dsr.inbox.mailboxes[0].purpose=PRIVACY_REQUESTS",
                "--dsr.inbox.mailboxes[0].host=imap.example.org", "--dsr.inbox.mailboxes[0].protocol=imap",
                "--dsr.inbox.mailboxes[0].username=privacy", "--dsr.inbox.mailboxes[0].password=an-imap-password-1"))
                .rootCause().hasMessageContaining("dsr.inbox.mailboxes[0].protocol is imap")
                .hasMessageContaining("over TLS only (imaps");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theProblemComesWithWhatToDo(org.springframework.boot.test.system.CapturedOutput output) {
        // What an operator reads when the start stops: Spring Boot's failure report, not a stack trace.
        assertThatThrownBy(() -> start("--dsr.admin.password="));
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("DSR_ADMIN_PASSWORD is not set")
                .contains("Action:")
                .contains("README (section 'Production')");
    }

    /** Every setting the prod profile asks for, except PostgreSQL (the tests run on H2, so the last check stops them). */
    private static final String[] GOOD = {"--dsr.admin.password=a-Long-and-unusual-pw-42",
            "--dsr.public-base-url=https://privacy.example.org", "--server.forward-headers-strategy=none",
            "--dsr.files.encryption-key=" + java.util.Base64.getEncoder().encodeToString("a-production-key-of-32-bytes-now".getBytes())};

    /** {@code good}, with {@code args} replacing a setting of the same name (Spring would join repeated ones with a comma). */
    private static void start(String[] good, String... args) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        for (String arg : java.util.stream.Stream.concat(java.util.Arrays.stream(good), java.util.Arrays.stream(args)).toList()) {
            all.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        start(all.values().toArray(String[]::new));
    }

    private static void start(String... args) {
        SpringApplication app = new SpringApplicationBuilder(DsrFlowApplication.class)
                .profiles("prod")
                .properties("spring.main.web-application-type=none", "spring.mail.host=localhost",
                        "spring.datasource.url=jdbc:h2:mem:prodcheck;DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa", "camunda.bpm.job-execution.enabled=false")
                .build();
        app.run(args).close();
    }
}
