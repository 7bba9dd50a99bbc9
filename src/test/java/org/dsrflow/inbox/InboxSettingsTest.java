package org.dsrflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The mailbox settings as checked at start-up: none is off; each problem is named with its setting. */
class InboxSettingsTest {

    @Test
    void noMailboxesIsOffAndUsable() {
        InboxSettings settings = new InboxSettings(null, null);
        assertThat(settings.mailboxes()).isEmpty();
        assertThat(settings.scheduled()).isTrue();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aMailboxGetsItsDefaults() {
        InboxSettings.Mailbox mailbox = new InboxSettings.Mailbox("privacy", MailboxPurpose.PRIVACY_REQUESTS, "imap.example.org", 993,
                null, "privacy", "secret-password", null, null, null, null);
        assertThat(mailbox.protocol()).isEqualTo("imaps");
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.processedFolder()).isEqualTo("dsr-processed");
        assertThat(mailbox.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(mailbox.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(mailbox.toString()).doesNotContain("secret-password");
        assertThat(new InboxSettings(List.of(mailbox), "manual").problems()).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsSetting() {
        InboxSettings.Mailbox bad = new InboxSettings.Mailbox("privacy box", null, " ", 70000, "pop3", "", null, "INBOX", "inbox",
                Duration.ofSeconds(1), DataSize.ofBytes(10));
        InboxSettings.Mailbox twin = new InboxSettings.Mailbox("marketing", MailboxPurpose.MARKETING_OPT_OUTS, "imap.example.org", null,
                "imaps", "m", "p", null, null, null, null);
        List<String> problems = new InboxSettings(List.of(bad, twin, twin), "sometimes").problems();
        assertThat(problems).contains(
                "dsr.inbox.poll must be scheduled or manual, not sometimes",
                "dsr.inbox.mailboxes[0].id is required: letters, digits, - and _ (at most 60)",
                "dsr.inbox.mailboxes[0].purpose is required: PRIVACY_REQUESTS or MARKETING_OPT_OUTS",
                "dsr.inbox.mailboxes[0].host is required",
                "dsr.inbox.mailboxes[0].port must be between 1 and 65535",
                "dsr.inbox.mailboxes[0].protocol must be imap or imaps, not pop3",
                "dsr.inbox.mailboxes[0].username is required",
                "dsr.inbox.mailboxes[0].password is required (give it in the environment)",
                "dsr.inbox.mailboxes[0].processed-folder must differ from folder, or every message would be read again",
                "dsr.inbox.mailboxes[0].poll-interval must be at least PT5S",
                "dsr.inbox.mailboxes[0].max-message-size must be at least 1KB",
                "dsr.inbox.mailboxes[2].id marketing is given to two mailboxes");
    }

    @Test
    void theStartStopsNamingEveryProblemOfTheMailboxSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new org.springframework.boot.builder.SpringApplicationBuilder(
                        org.dsrflow.DsrFlowApplication.class)
                        // Arguments, not default properties: application.yaml's file database would win over those.
                        .run("--spring.main.web-application-type=none", "--spring.datasource.url=jdbc:h2:mem:inboxcheck;DB_CLOSE_DELAY=-1",
                                "--camunda.bpm.job-execution.enabled=false", "--dsr.demo.enabled=false",
                                "--dsr.admin.password=an-admin-password-1", "--dsr.inbox.mailboxes[0].id=privacy", "--dsr.inbox.mailboxes[0].purpose=PRIVACY_REQUESTS",
                                "--dsr.inbox.mailboxes[0].host=imap.example.org", "--dsr.inbox.mailboxes[0].username=privacy")
                        .close())
                .rootCause()
                .isInstanceOf(org.dsrflow.config.StartupCheckException.class)
                .hasMessageContaining("dsr.inbox.mailboxes[0].password is required (give it in the environment)");
    }

    @Test
    void scheduledReadingRunsInAThreadOfItsOwnAndStops() {
        InboxSettings.Mailbox mailbox = new InboxSettings.Mailbox("privacy", MailboxPurpose.PRIVACY_REQUESTS, "imap.example.org", 993,
                "imaps", "privacy", "secret-password", null, null, Duration.ofHours(1), null);
        InboxReader scheduled = new InboxReader(new InboxSettings(List.of(mailbox), "scheduled"), null, null, null);
        InboxReader manual = new InboxReader(new InboxSettings(List.of(mailbox), "manual"), null, null, null);
        scheduled.start();
        manual.start();
        try {
            assertThat(scheduled.isRunning()).isTrue();
            assertThat(manual.isRunning()).isFalse();
        } finally {
            scheduled.stop();
        }
        assertThat(scheduled.isRunning()).isFalse();
    }
}
