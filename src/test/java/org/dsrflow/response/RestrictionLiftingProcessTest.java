package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.process.RestrictionLiftingProcess;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/restriction-lifting.bpmn} as the privacy team uses it from Tasklist (REST submit-form
 * and task completion as the privacy user): the requester is told before the restriction is lifted
 * (Art. 18(3)), the lifting task opens only after the notice period, and every step is recorded.
 */
@SmtpIntegrationTest
class RestrictionLiftingProcessTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RequestRepository requests;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theRequesterIsToldFirstAndTheRestrictionIsLiftedOnlyAfterTheNoticePeriod() throws Exception {
        String reference = answeredRestriction("sv", "lisa.lift@example.com");
        int before = greenMail.getReceivedMessages().length;

        Http.Response started = submit(reference, "[\"contact\"]", "Riktigheten är kontrollerad: adressen stämmer.");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Jobs.executeDue(management);

        // The notice goes out first, in the requester's language, with the reason and the day of lifting.
        assertThat(greenMail.getReceivedMessages()).hasSize(before + 1);
        String notice = Mails.everything(Mails.lastTo(greenMail, "lisa.lift@example.com"));
        LocalDate liftOn = LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).plusDays(14);
        assertThat(notice).contains(reference, "artikel 18.3", "Kontaktuppgifter", "Riktigheten är kontrollerad",
                String.valueOf(liftOn.getYear()));
        Map<String, Object> record = jdbc.sql("select * from dsr_restriction_lifting where request_id = :id")
                .param("id", requests.findByReference(reference).orElseThrow().id()).query().singleRow();
        assertThat(record.get("notice_sent_at")).isNotNull();
        assertThat(record.get("lifted_at")).isNull();
        assertThat(record.get("requested_by")).isEqualTo(TestUsers.of("privacy"));

        // Nothing to lift during the notice period.
        assertThat(liftTask(reference)).isNull();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(java.time.Duration.ofDays(15))));
        Jobs.executeDue(management);
        Task lift = liftTask(reference);
        assertThat(lift).isNotNull();

        Http.Response unconfirmed = http.postJson("/engine-rest/task/" + lift.getId() + "/claim",
                "{\"userId\": \"" + TestUsers.of("privacy") + "\"}", "Authorization", TestUsers.auth("privacy"));
        assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(204);
        Http.Response done = http.postJson("/engine-rest/task/" + lift.getId() + "/submit-form",
                "{\"variables\": {\"lifted\": {\"value\": true}}}", "Authorization", TestUsers.auth("privacy"));
        assertThat(done.status()).as(done.body()).isIn(200, 204);
        Map<String, Object> lifted = jdbc.sql("select * from dsr_restriction_lifting where id = :id")
                .param("id", record.get("id")).query().singleRow();
        assertThat(lifted.get("lifted_at")).isNotNull();
        assertThat(lifted.get("lifted_by")).isEqualTo(TestUsers.of("privacy"));
    }

    @Test
    void onlyRestrictedCategoriesOfAnAnsweredRestrictionCanBeLiftedAndARefusalStoresNothing() {
        String reference = answeredRestriction("en", "lars.lift@example.com");
        long before = jdbc.sql("select count(*) from dsr_restriction_lifting").query(Long.class).single();

        Http.Response notRestricted = submit(reference, "[\"health\"]", "Checked.");
        assertThat(notRestricted.status()).isEqualTo(400);
        assertThat(notRestricted.json().get("message").asText())
                .contains("categories: only the restricted categories [contact] can be lifted");
        Http.Response unknown = submit("DSR-1999-000001", "[\"contact\"]", "Checked.");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("reference: no request DSR-1999-000001");
        assertThat(submit(reference, "[\"contact\"]", " ").json().get("message").asText()).contains("reason: say why");
        assertThat(jdbc.sql("select count(*) from dsr_restriction_lifting").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void departmentsCannotLiftARestriction() {
        String reference = answeredRestriction("en", "lena.lift@example.com");
        assertThat(http.postJson("/engine-rest/process-definition/key/" + RestrictionLiftingProcess.KEY + "/submit-form",
                body(reference, "[\"contact\"]", "Because."), "Authorization", TestUsers.auth("sales")).status()).isEqualTo(404);
    }

    private String answeredRestriction(String language, String email) {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RESTRICTION", "Lisa Lind", email, "SE",
                language, List.of("contact"), "Please check my address.", false, null, null, null, "ACCURACY_CONTESTED"));
        for (String department : List.of("sales", "marketing", "support", "finance")) {
            work.complete(work.task(reference, department), department.equals("sales")
                    ? Map.of("contact", Map.of("action", "restricted", "how", "Marked restricted in the CRM"), "recipients", "none")
                    : Map.of("contact", Map.of("action", "none"), "recipients", "none"));
        }
        work.approve(reference);
        return reference;
    }

    private Task liftTask(String reference) {
        return tasks.createTaskQuery().processDefinitionKey(RestrictionLiftingProcess.KEY).processInstanceBusinessKey(reference)
                .taskDefinitionKey(RestrictionLiftingProcess.LIFT_TASK).singleResult();
    }

    private Http.Response submit(String reference, String categories, String reason) {
        return http.postJson("/engine-rest/process-definition/key/" + RestrictionLiftingProcess.KEY + "/submit-form",
                body(reference, categories, reason), "Authorization", TestUsers.auth("privacy"));
    }

    private static String body(String reference, String categories, String reason) {
        return """
                {"variables": {"reference": {"value": "%s"}, "categories": {"value": %s, "type": "Json"},
                  "reason": {"value": "%s"}}}""".formatted(reference, new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(categories).toString(), reason);
    }
}
