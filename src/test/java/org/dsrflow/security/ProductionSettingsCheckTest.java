package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.dsrflow.DsrFlowApplication;

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
    void h2InsteadOfPostgresStopsStartup() {
        assertThatThrownBy(() -> start("--dsr.admin.password=a-Long-and-unusual-pw-42"))
                .rootCause().hasMessageContaining("runs on PostgreSQL");
    }

    @Test
    void singleSignOnWithAnHttpIssuerStopsStartup() {
        assertThatThrownBy(() -> start("--dsr.admin.password=a-Long-and-unusual-pw-42",
                "--spring.security.oauth2.client.registration.dsr.client-id=dsr-flow",
                "--spring.security.oauth2.client.provider.dsr.issuer-uri=http://login.example.org/realms/staff"))
                .rootCause().hasMessageContaining("provider.dsr.issuer-uri is not an https address");
    }

    @Test
    void theProblemComesWithWhatToDo() {
        InsecureSettingsException problem = new InsecureSettingsException("DSR_ADMIN_PASSWORD is not set.");
        assertThat(problem.getMessage()).contains("DSR_ADMIN_PASSWORD");
        assertThat(problem.action()).contains("README");
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
