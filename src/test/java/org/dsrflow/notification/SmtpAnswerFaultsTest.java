package org.dsrflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.ScriptedSmtpServer;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the SMTP server answers (or not) to the end of a message decides whether it is sent again:
 * a server that takes the message but answers too late gets it once (it stays "sent", marked
 * unconfirmed, and counted for a person to look at); a server that refuses it gets it again on retry.
 */
@SmtpIntegrationTest
class SmtpAnswerFaultsTest {

    static final ScriptedSmtpServer SMTP = start();

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CorrespondenceRepository correspondence;
    @Autowired
    JavaMailSender mailSender;

    private String host;
    private int smtpPort;
    private Properties properties;

    /**
     * The application sends to this class's scripted server instead of GreenMail, and waits at most 1 s for
     * an answer (5 s in application.yaml): set on the application's mail sender for each test, put back after.
     */
    @BeforeEach
    void sendToTheScriptedServer() {
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        host = sender.getHost();
        smtpPort = sender.getPort();
        properties = sender.getJavaMailProperties();
        Properties impatient = new Properties();
        impatient.putAll(properties);
        impatient.setProperty("mail.smtp.timeout", "1000");
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.port());
        sender.setJavaMailProperties(impatient);
    }

    @AfterEach
    void reset() {
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        sender.setHost(host);
        sender.setPort(smtpPort);
        sender.setJavaMailProperties(properties);
        ClockUtil.reset();
        SMTP.endOfDataDelay(0).endOfDataReply(n -> "250 queued");
    }

    @AfterAll
    static void stop() throws IOException {
        SMTP.close();
    }

    @Test
    void aServerThatAnswersTheEndOfTheMessageTooLateGetsItOnce() {
        SMTP.endOfDataDelay(3_000);
        DsrRequest request = submit("late@example.com");
        management.executeJob(acknowledgementJob(request).getId());

        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(instance(request)).messages()
                .activityId("send_acknowledgement_email").count()).as("no retry pending").isZero();
        CorrespondenceRepository.Entry entry = correspondence.findByRequest(request.id()).get(0);
        assertThat(entry.status()).isEqualTo("SENT");
        assertThat(entry.confirmedAt()).isNull();
        assertThat(entry.lastError()).contains("no answer from the SMTP server");
        assertThat(SMTP.taken()).containsExactly(entry.messageId());

        // Ten minutes later it is counted for a person to look at.
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(11))));
        String metrics = new Http(port).get("/actuator/prometheus", "Authorization", Http.basic("admin", "it-admin-password-1")).body();
        assertThat(metrics).contains("dsr_emails_unconfirmed 1.0");
    }

    @Test
    void aServerThatRefusesTheMessageGetsItAgainOnRetryAndOnlyThen() {
        int first = SMTP.messages() + 1;
        SMTP.endOfDataReply(n -> n == first ? "451 try again later" : "250 queued");
        DsrRequest request = submit("refused@example.com");
        Job job = acknowledgementJob(request);
        int takenBefore = SMTP.taken().size();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("451");
        assertThat(correspondence.findByRequest(request.id()).get(0).status()).isEqualTo("FAILED");
        assertThat(SMTP.taken()).hasSize(takenBefore);

        Job retry = management.createJobQuery().jobId(job.getId()).singleResult();
        ClockUtil.setCurrentTime(retry.getDuedate());
        management.executeJob(job.getId());
        CorrespondenceRepository.Entry entry = correspondence.findByRequest(request.id()).get(0);
        assertThat(entry.status()).isEqualTo("SENT");
        assertThat(entry.confirmedAt()).isNotNull();
        assertThat(SMTP.taken()).hasSize(takenBefore + 1).containsOnlyOnce(entry.messageId());
    }

    private DsrRequest submit(String email) {
        return intake.submitReceivedToday(new NewRequest("ACCESS", "Test Person", email, "SE", "en", List.of("contact"), null),
                Channel.WEB).request();
    }

    private String instance(DsrRequest request) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.reference()).singleResult().getId();
    }

    private Job acknowledgementJob(DsrRequest request) {
        return management.createJobQuery().processInstanceId(instance(request)).singleResult();
    }

    private static ScriptedSmtpServer start() {
        try {
            return new ScriptedSmtpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
