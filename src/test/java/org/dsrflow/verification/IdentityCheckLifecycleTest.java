package org.dsrflow.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import java.util.List;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.IdentityEvidenceScenario;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The privacy team's identity check for special-category data, over the REST API as Tasklist uses
 * it: asking for more stops the clock and emails the requester; recording the reply resumes it;
 * only the method and outcome are stored. The compiled-answer page needs a Camunda session.
 */
@SmtpIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class IdentityCheckLifecycleTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    JdbcClient jdbc;

    Http http;
    IdentityEvidenceScenario evidence;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
        evidence = new IdentityEvidenceScenario(port, intake, management, process, jdbc, greenMail);
    }

    @Test
    void privacyTeamAsksForEvidenceAndRecordsTheRepliedCheck() throws Exception {
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", java.util.List.of("health"));

        JsonNode check = identityTask(reference);
        assertThat(http.postJson("/engine-rest/task/" + check.get("id").asText() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "NEED_MORE"},
                 "identityRequest": {"value": "The date of the course you attended."}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        MimeMessage ask = greenMail.getReceivedMessages()[greenMail.getReceivedMessages().length - 1];
        assertThat(Mails.text(ask)).contains("The date of the course you attended.", reference);
        JsonNode waiting = http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(waiting.get("clockStopped").asBoolean()).isTrue();

        assertThat(http.postJson("/api/staff/requests/" + reference + "/requester-reply", "{}",
                "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
        assertThat(http.postJson("/api/staff/requests/" + reference + "/requester-reply", "{}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(http.postJson("/api/staff/requests/" + reference + "/requester-reply", "{}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(409);

        JsonNode again = identityTask(reference);
        assertThat(http.postJson("/engine-rest/task/" + again.get("id").asText() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "VERIFIED"}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(jdbc.sql("""
                        select c.method || ':' || c.outcome || ':' || c.checked_by from dsr_identity_check c
                        join dsr_request r on r.id = c.request_id where r.reference = :ref order by c.id""")
                .param("ref", reference).query(String.class).list())
                .containsExactly("KNOWLEDGE:NEED_MORE:testprivacy", "KNOWLEDGE:VERIFIED:testprivacy");
        JsonNode resumed = http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(resumed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(resumed.get("clockStops").get(1).get("reason").asText()).isEqualTo("IDENTITY_EVIDENCE");
        assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization",
                TestUsers.auth("training")).json()).hasSize(1);

        assertThat(http.get("/staff/requests/" + reference + "/answer").status()).isEqualTo(401);
    }

    @Test
    void theRequesterUploadsEvidenceThePrivacyTeamSeesItAndRecordingTheDecisionDeletesIt(CapturedOutput output) {
        evidence.uploadSeeAndDeleteOnceVerified();
        for (String marker : List.of(IdentityEvidenceScenario.PNG_MARKER, IdentityEvidenceScenario.PDF_MARKER, "letter.png", "id card.pdf")) {
            assertThat(output.getAll()).as("the log").doesNotContain(marker);
        }
        assertThat(output.getAll()).containsPattern("Identity evidence [0-9a-f-]{36} stored for request id [0-9]+")
                .containsPattern("Identity evidence of request id [0-9]+ deleted: 2 files");
    }

    @Test
    void anExecutableNamedPdfIsRefusedWith415NothingIsStoredAndTheLinkStillWorks() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        Http.Response refused = evidence.send(http, waiting, "My passport", List.of(IdentityEvidenceScenario.file("passport.pdf", exe)));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.body()).contains("id=\"files-error\"", "passport.pdf", "PDF", "PNG", "JPEG").doesNotContain("id=\"reply-sent\"");
        assertNothingStoredAndTheLinkStillWorks(waiting);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413NothingIsStoredAndTheLinkStillWorks() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        byte[] big = java.util.Arrays.copyOf(IdentityEvidenceScenario.PNG, 10 * 1024 * 1024 + 1);
        Http.Response refused = evidence.send(http, waiting, "A large photo", List.of(IdentityEvidenceScenario.file("photo.png", big)));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("id=\"files-error\"", "photo.png", "10 MB");
        assertNothingStoredAndTheLinkStillWorks(waiting);
    }

    @Test
    void moreThanFiveFilesAreRefusedWith400NothingIsStoredAndTheLinkStillWorks() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        List<Http.FilePart> six = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> IdentityEvidenceScenario.file("page" + i + ".png", IdentityEvidenceScenario.PNG)).toList();
        Http.Response refused = evidence.send(http, waiting, "All pages", six);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"files-error\"", "5");
        assertNothingStoredAndTheLinkStillWorks(waiting);
    }

    @Test
    void anEmptyFileIsRefusedWith400NothingIsStoredAndTheLinkStillWorks() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        Http.Response refused = evidence.send(http, waiting, "The letter", List.of(IdentityEvidenceScenario.file("letter.png",
                IdentityEvidenceScenario.PNG), IdentityEvidenceScenario.file("empty.pdf", new byte[0])));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"files-error\"", "empty.pdf");
        assertNothingStoredAndTheLinkStillWorks(waiting);
    }

    @Test
    void aClarificationsReplyTakesNoFilesAndAFileSentToItIsRefusedWithNothingStored() {
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ACCESS", "Test Person",
                Requests.newAddress("person"), "SE", "en", List.of("contact"), null));
        assertThat(http.postJson("/engine-rest/process-definition/key/ask-requester/submit-form",
                "{\"variables\": {\"reference\": {\"value\": \"" + reference + "\"}, \"clarificationQuestion\": {\"value\": "
                        + "\"Which of your two accounts?\"}}}", "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(200);
        Jobs.executeDue(management);
        String replyPath = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/reply\\?token=[A-Za-z0-9_-]+");
        String token = replyPath.substring(replyPath.indexOf("token=") + 6);
        Http.Response page = http.get(replyPath);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Which of your two accounts?").doesNotContain("type=\"file\"", "multipart/form-data");

        Http.Response toEvidence = http.postMultipart("/reply/evidence?token=" + token, java.util.Map.of("text", "The business one.",
                "_csrf", Http.csrf(page.body())), List.of(IdentityEvidenceScenario.file("letter.png", IdentityEvidenceScenario.PNG)));
        assertThat(toEvidence.status()).isEqualTo(409);
        assertThat(toEvidence.body()).contains("id=\"reply-text-only\"");
        Http.Response toReply = http.postMultipart("/reply", java.util.Map.of("token", token, "text", "The business one.",
                "_csrf", Http.csrf(page.body())), List.of(IdentityEvidenceScenario.file("letter.png", IdentityEvidenceScenario.PNG)));
        assertThat(toReply.status()).isEqualTo(415);
        assertThat(evidence.storedFiles(reference)).isZero();
        assertThat(replies(reference)).isZero();
        assertThat(http.get(replyPath).status()).isEqualTo(200);
    }

    @Test
    void aNewNeedMoreDeletesTheEarlierFilesAndAsksAgain() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        assertThat(evidence.send(http, waiting, "The letter", List.of(IdentityEvidenceScenario.file("letter.png",
                IdentityEvidenceScenario.PNG))).status()).isEqualTo(200);
        assertThat(evidence.storedFiles(waiting.reference())).isOne();

        assertThat(http.postJson("/engine-rest/task/" + identityTask(waiting.reference()).get("id").asText() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "EVIDENCE"}, "identityOutcome": {"value": "NEED_MORE"},
                 "identityRequest": {"value": "The letter is unreadable: please send a sharper photo."}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(evidence.storedFiles(waiting.reference())).isZero();
        assertThat(jdbc.sql("""
                        select d.files || ':' || d.outcome from dsr_identity_evidence_deletion d join dsr_request r on r.id = d.request_id
                        where r.reference = :ref""").param("ref", waiting.reference()).query(String.class).list())
                .containsExactly("1:NEED_MORE");
        Jobs.executeDue(management);
        String again = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, waiting.reference())), "/reply\\?token=[A-Za-z0-9_-]+");
        assertThat(again).isNotEqualTo(waiting.replyPath());
        Http.Response page = http.get(again);
        assertThat(page.body()).contains("The letter is unreadable", "id=\"evidence-files\"");
    }

    @Test
    void filesSentWithoutThePagesCsrfTokenAreRefusedWith403AndNothingIsStored() {
        IdentityEvidenceScenario.Waiting waiting = evidence.waitingForEvidence();
        http.get(waiting.replyPath());
        Http.Response forged = http.postMultipart("/reply/evidence?token=" + waiting.token(), java.util.Map.of("text", "The letter",
                "_csrf", "not-the-token"), List.of(IdentityEvidenceScenario.file("letter.png", IdentityEvidenceScenario.PNG)));
        assertThat(forged.status()).isEqualTo(403);
        assertNothingStoredAndTheLinkStillWorks(waiting);
    }

    private void assertNothingStoredAndTheLinkStillWorks(IdentityEvidenceScenario.Waiting waiting) {
        assertThat(evidence.storedFiles(waiting.reference())).isZero();
        assertThat(replies(waiting.reference())).isZero();
        assertThat(process.isWaitingForRequesterReply(waiting.reference())).isTrue();
        Http.Response again = evidence.send(http, waiting, "The letter", List.of(IdentityEvidenceScenario.file("letter.png",
                IdentityEvidenceScenario.PNG)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(evidence.storedFiles(waiting.reference())).isOne();
    }

    private long replies(String reference) {
        return jdbc.sql("select count(*) from dsr_requester_reply p join dsr_request r on r.id = p.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single();
    }

    private JsonNode identityTask(String reference) {
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey="
                + DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
