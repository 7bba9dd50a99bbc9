package org.dsrflow.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The privacy team's identity check for special-category data, over the REST API as Tasklist uses
 * it: asking for more stops the clock and emails the requester; recording the reply resumes it;
 * only the method and outcome are stored. The compiled-answer page needs a Camunda session.
 */
@SmtpIntegrationTest
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

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
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
        assertThat(jdbc.sql("select method || ':' || outcome || ':' || checked_by from dsr_identity_check order by id")
                .query(String.class).list())
                .containsExactly("KNOWLEDGE:NEED_MORE:testprivacy", "KNOWLEDGE:VERIFIED:testprivacy");
        JsonNode resumed = http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(resumed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(resumed.get("clockStops").get(1).get("reason").asText()).isEqualTo("IDENTITY_EVIDENCE");
        assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization",
                TestUsers.auth("training")).json()).hasSize(1);

        assertThat(http.get("/staff/requests/" + reference + "/answer").status()).isEqualTo(401);
    }

    private JsonNode identityTask(String reference) {
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey="
                + DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
