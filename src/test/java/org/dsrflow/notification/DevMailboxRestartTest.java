package org.dsrflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.DsrFlowApplication;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default profile as a newcomer runs it, started twice on one H2 file: the development mailbox
 * still shows the emails of the first run after the restart.
 */
class DevMailboxRestartTest {

    @TempDir
    Path data;

    @Test
    void theDevelopmentMailboxKeepsItsEmailsAcrossARestart() {
        String database = "jdbc:h2:file:" + data.resolve("dsr-flow").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        String reference;
        try (ConfigurableApplicationContext first = start(database)) {
            Http http = new Http(port(first));
            reference = http.postJson("/api/requests", """
                    {"type": "MARKETING_OBJECTION", "name": "Mo Restart", "email": "mo.restart@example.com", "site": "NO", "language": "nb"}""")
                    .json().get("reference").asText();
            Jobs.executeDue(first.getBean(ManagementService.class));
            assertThat(http.get("/dev/mailbox").body()).contains(reference);
        }

        try (ConfigurableApplicationContext second = start(database)) {
            Http http = new Http(port(second));
            Http.Response mailbox = http.get("/dev/mailbox");
            assertThat(mailbox.status()).isEqualTo(200);
            assertThat(mailbox.body()).as("the first run's acknowledgement").contains(reference, "mo.restart@example.com")
                    .containsPattern("href=\"https?://[^/\"]+/confirm\\?token=[A-Za-z0-9_-]+\"");
            Matcher mail = Pattern.compile("href=\"(/dev/mailbox/\\d+)\"").matcher(mailbox.body());
            assertThat(mail.find()).isTrue();
            Http.Response shown = http.get(mail.group(1));
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body()).contains(reference, "mo.restart@example.com");
        }
    }

    /** The default profile (no SMTP host: the development mailbox) on the given H2 file; jobs run by the test. */
    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(DsrFlowApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--camunda.bpm.job-execution.enabled=false",
                "--dsr.node-id=dev-mailbox-restart",
                "--dsr.admin.password=restart-admin-password-1",
                "--dsr.demo.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
