package org.dsrflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sending is retried, never duplicated, recorded, and visible as a Cockpit incident when retries
 * run out: SMTP down → retries → incident naming the request and the email → SMTP up → "retry"
 * (as Cockpit does, by giving the job a retry) → exactly one message. Timers are moved, not slept on.
 */
@SmtpIntegrationTest
class CorrespondenceReliabilityTest extends WithGreenMail {

    private static final Logger log = LoggerFactory.getLogger(CorrespondenceReliabilityTest.class);

    @LocalServerPort
    int port;
    @Autowired
    MimeMessages mime;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CorrespondenceService correspondenceService;
    @Autowired
    CorrespondenceRepository correspondence;
    @Autowired
    IdentityService identity;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    MailSettings mailSettings;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /**
     * A reply or a bounce is matched by our Message-ID, so it must not be computable from what a stranger can know: the
     * reference and the key's shape (a new download link's key is "download-link:<request id>:<n>").
     */
    @Test
    void messageIdsAreTheSameForEveryAttemptButCannotBeComputedFromTheEmailsKey() {
        String key = "download-link:1:1";
        String id = mime.messageId("DSR-2026-000001", EmailKind.DOWNLOAD_LINK, key);
        assertThat(id).isEqualTo(mime.messageId("DSR-2026-000001", EmailKind.DOWNLOAD_LINK, key))
                .startsWith("<DSR-2026-000001.download-link.")
                .doesNotContain(org.dsrflow.verification.TokenHash.sha256(key).substring(0, 16));
        assertThat(mime.messageId("DSR-2026-000001", EmailKind.DOWNLOAD_LINK, "download-link:1:2")).isNotEqualTo(id);
    }

    @Test
    void smtpOutageEndsInAnIncidentAndARetryInCockpitSendsExactlyOnce() throws Exception {
        greenMail.stop();
        DsrRequest request = submit();
        Job job = jobOf(request);

        // As configured (application.yaml: R5/PT5M, five attempts in all, five minutes apart).
        int cycle = Integer.parseInt(mailSettings.getRetryCycle().replaceAll("^R(\\d+)/.*$", "$1"));
        int attempts = 0;
        while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
            Job current = management.createJobQuery().jobId(job.getId()).singleResult();
            if (current.getDuedate() != null) {
                ClockUtil.setCurrentTime(current.getDuedate());
            }
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("ACKNOWLEDGEMENT");
            attempts++;
            assertThat(attempts).isLessThanOrEqualTo(cycle);
        }
        assertThat(attempts).isEqualTo(cycle);
        Incident incident = runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).singleResult();
        assertThat(incident.getIncidentMessage()).contains(request.reference(), "ACKNOWLEDGEMENT").doesNotContain("@");
        assertThat(jdbc.sql("select idempotency_key from dsr_correspondence where request_id = :id").param("id", request.id())
                .query(String.class).list())
                .singleElement().asString().startsWith(request.reference() + ":ACKNOWLEDGEMENT:send_acknowledgement_email:job-");
        CorrespondenceRepository.Entry failed = correspondence.findByRequest(request.id()).get(0);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(cycle);

        greenMail.start();
        // Cockpit's "Retry", by the privacy team (RETRY_JOB, for a failed job only)
        assertThat(http.put("/engine-rest/job/" + job.getId() + "/retries", "{\"retries\": 1}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        management.executeJob(job.getId());

        assertThat(runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
        MimeMessage[] received = greenMail.getReceivedMessages();
        log.info("SMTP outage test: expected 1 message, received {}; attempts recorded {}", received.length,
                correspondence.findByRequest(request.id()).get(0).attempts());
        assertThat(received).hasSize(1);
        CorrespondenceRepository.Entry sent = correspondence.findByRequest(request.id()).get(0);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(cycle + 1);
        assertThat(received[0].getMessageID()).isEqualTo(sent.messageId());
        // "Sent" was recorded before the end of data, the server's acceptance after it (RecordingSmtpTransport).
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.confirmedAt()).isNotNull().isAfterOrEqualTo(sent.sentAt());
        assertThat(incident.getIncidentMessage()).contains("ConnectException").doesNotContain("JDBC");
    }

    @Test
    void aSendThatRunsAgainAfterItSucceededSendsNothing() throws Exception {
        DsrRequest request = submit();
        EmailContext context = new EmailContext(null, null, null, null, true);
        correspondenceService.send(request, EmailKind.ACKNOWLEDGEMENT, context, request.reference() + ":test:1");
        correspondenceService.send(request, EmailKind.ACKNOWLEDGEMENT, context, request.reference() + ":test:1");

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(correspondence.findByRequest(request.id())).singleElement()
                .satisfies(entry -> assertThat(entry.attempts()).isEqualTo(1));
    }

    @Test
    void everyEmailIsMultipartWithHtmlAndTextAndADeterministicMessageId() throws Exception {
        DsrRequest request = submit();
        management.executeJob(jobOf(request).getId());

        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getMessageID()).matches("<" + request.reference() + "\\.acknowledgement\\.[0-9a-f]{16}@example\\.org>");
        Multipart mixed = (Multipart) message.getContent();
        String structure = describe(mixed);
        assertThat(structure).contains("multipart/alternative", "text/plain", "text/html");
    }

    @Test
    void privacyTeamReadsTheCorrespondenceLog() {
        DsrRequest request = submit();
        management.executeJob(jobOf(request).getId());

        JsonNode log = http.get("/api/staff/requests/" + request.reference() + "/correspondence",
                "Authorization", TestUsers.auth("privacy")).json();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("kind").asText()).isEqualTo("ACKNOWLEDGEMENT");
        assertThat(log.get(0).get("status").asText()).isEqualTo("SENT");
        assertThat(log.get(0).get("language").asText()).isEqualTo("da");
        assertThat(log.get(0).get("sentAt").asText()).startsWith("2026-05-04T08:00");
        assertThat(http.get("/api/staff/requests/" + request.reference() + "/correspondence",
                "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
    }

    private Job jobOf(DsrRequest request) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.reference())
                .singleResult().getId();
        return management.createJobQuery().processInstanceId(instance).singleResult();
    }

    private DsrRequest submit() {
        return intake.submitReceivedToday(new NewRequest("ACCESS", "Test Person", "person@example.com", "DK", "da",
                java.util.List.of("contact"), null), Channel.WEB).request();
    }

    private static String describe(Multipart multipart) throws Exception {
        StringBuilder parts = new StringBuilder(multipart.getContentType());
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            parts.append(' ').append(part.getContentType());
            if (part.getContent() instanceof Multipart nested) {
                parts.append(' ').append(describe(nested));
            }
        }
        return parts.toString();
    }
}
