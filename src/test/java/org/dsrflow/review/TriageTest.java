package org.dsrflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
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
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
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

/**
 * The decisions that can stop a request come before any department acts (Art. 12(5); EDPB Guidelines
 * 01/2022 v2.1 §194), over Camunda's REST API as Tasklist submits the forms: a repeat of a request
 * answered recently (the same right from the same address), or a request the privacy team flagged at the identity check, waits for the
 * privacy team's triage with no department task; a refusal there reaches the requester with its reasons,
 * the supervisory authority and the courts (Art. 12(4)), and no department ever gets a task.
 */
@SmtpIntegrationTest
class TriageTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;

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
    void aRepeatErasureIsRefusedWithTheRemediesBeforeAnyDepartmentActs() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T10:00:00Z")));
        String first = Requests.confirmed(intake, management, process, erasure());
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(first)) {
            work.complete(task, Map.of("contact", Map.of("action", "erased"), "recipients", "none"));
        }
        work.approve(first);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-09T10:00:00Z")));
        // Another right from the same address is not a repeat: straight to the departments.
        String access = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Rolf Repeat",
                "rolf.repeat@example.com", "SE", "en", List.of("contact"), null));
        assertThat(work.tasks(access)).isNotEmpty();
        String repeat = Requests.confirmed(intake, management, process, erasure());

        Task triage = triage(repeat);
        assertThat(tasks.getIdentityLinksForTask(triage.getId())).anyMatch(link -> "privacy".equals(link.getGroupId()));
        assertThat(work.tasks(repeat)).as("no department task before the privacy team decided").isEmpty();
        // The triage offers its own four decisions; reasons are required for a refusal.
        assertThat(submit(triage, "{\"reviewDecision\": {\"value\": \"approve\"}}").body())
                .contains("choose a decision (proceed, refuse, clarify, fee)");
        assertThat(submit(triage, "{\"reviewDecision\": {\"value\": \"refuse\"}}").body()).contains("give the reasons for the refusal");
        assertThat(submit(triage, "{\"reviewDecision\": {\"value\": \"refuse\"}, \"reviewComment\": {\"value\": "
                + "\"We erased your data on 2 March <b>already</b>; nothing is left to erase.\"}}").status()).isEqualTo(204);
        Jobs.executeDue(management);

        MimeMessage refusal = Mails.lastAbout(greenMail, repeat);
        assertThat(Mails.text(refusal)).contains("We erased your data on 2 March <b>already</b>", "Integritetsskyddsmyndigheten (IMY)",
                "remedy in court");
        assertThat(Mails.html(refusal)).contains("&lt;b&gt;already&lt;/b&gt;");
        assertThat(http.get("/api/staff/requests/" + repeat, "Authorization", TestUsers.auth("privacy")).json()
                .get("status").asText()).isEqualTo("REFUSED");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(repeat).count()).isZero();
        assertThat(Mails.subjectsAbout(greenMail, repeat)).as("acknowledgement and refusal, nothing to any department").hasSize(2);
    }

    /**
     * A refusal with a standard reason of the register: the Swedish requester reads its Swedish text, then the
     * privacy team's own words; the process carries the reason's id. An id the register does not know is refused
     * naming the field, and nothing happens.
     */
    @Test
    void aRefusalWithAStandardReasonReachesTheRequesterInTheirLanguageFollowedByOurOwnWords() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T10:00:00Z")));
        NewRequest swedish = new NewRequest("ERASURE", "Sven Svensson", "sven.svensson@example.com", "SE", "sv", List.of("contact"), null);
        String first = Requests.confirmed(intake, management, process, swedish);
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(first)) {
            work.complete(task, Map.of("contact", Map.of("action", "erased"), "recipients", "none"));
        }
        work.approve(first);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-09T10:00:00Z")));
        String repeat = Requests.confirmed(intake, management, process, swedish);
        Task triage = triage(repeat);

        Http.Response unknown = submit(triage, "{\"reviewDecision\": {\"value\": \"refuse\"}, \"refusalReason\": {\"value\": \"because\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("refusalReason: 'because' is not a standard reason of the register (repetitive, unfounded)");
        assertThat(submit(triage, "{\"reviewDecision\": {\"value\": \"refuse\"}, \"refusalReason\": {\"value\": \"unfounded\"}}").body())
                .as("a reason that announces facts needs them").contains("reviewComment: the standard reason 'unfounded' needs the facts");
        assertThat(triage(repeat).getId()).isEqualTo(triage.getId());

        assertThat(submit(triage, "{\"reviewDecision\": {\"value\": \"refuse\"}, \"refusalReason\": {\"value\": \"repetitive\"}, "
                + "\"reviewComment\": {\"value\": \"Vi raderade dina uppgifter den 2 mars.\"}}").status()).isEqualTo(204);
        Jobs.executeDue(management);

        String text = Mails.text(Mails.lastAbout(greenMail, repeat));
        assertThat(text).contains("Din begäran upprepar en begäran från dig som vi besvarade för kort tid sedan",
                "artikel 12.5 b i dataskyddsförordningen", "Vi raderade dina uppgifter den 2 mars.", "Integritetsskyddsmyndigheten (IMY)");
        assertThat(text.indexOf("Din begäran upprepar")).as("the standard reason first, then our words")
                .isLessThan(text.indexOf("Vi raderade dina uppgifter"));
        assertThat(text).doesNotContain("Repeats a recent request", "Your request repeats");
        assertThat(http.get("/api/staff/requests/" + repeat, "Authorization", TestUsers.auth("privacy")).json()
                .get("status").asText()).isEqualTo("REFUSED");
    }

    /** A partial refusal at the review: the answer carries the standard reason in Finnish, then the privacy team's words. */
    @Test
    void aPartialRefusalWithAStandardReasonIsInTheAnswerInTheRequestersLanguage() throws Exception {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Aino Osittain",
                "aino.osittain@example.com", "FI", "fi", List.of("contact"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
        assertThat(submit(review, "{\"reviewDecision\": {\"value\": \"partial\"}, \"refusalReason\": {\"value\": \"repetitive\"}, "
                + "\"reviewComment\": {\"value\": \"Vastasimme samaan pyyntöön 2. maaliskuuta.\"}}").status()).isEqualTo(204);
        Jobs.executeDue(management);

        String text = Mails.text(Mails.lastAbout(greenMail, reference));
        assertThat(text).contains("Pyyntösi toistaa aiemman pyyntösi", "Vastasimme samaan pyyntöön 2. maaliskuuta.")
                .doesNotContain("Your request repeats");
        assertThat(text.indexOf("Pyyntösi toistaa")).isLessThan(text.indexOf("Vastasimme samaan pyyntöön"));
    }

    @Test
    void aRequestFlaggedAtTheIdentityCheckWaitsForTheTriageThenTheDepartmentsSearch() {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Hana Health",
                "hana.health@example.com", "SE", "sv", List.of("health"), null));
        Task check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
        assertThat(submit(check, "{\"identityMethod\": {\"value\": \"CALL_BACK\"}, \"identityOutcome\": {\"value\": \"VERIFIED\"}, "
                + "\"decideFirst\": {\"value\": \"yes\"}}").body()).contains("decideFirst is true");
        assertThat(submit(check, "{\"identityMethod\": {\"value\": \"CALL_BACK\"}, \"identityOutcome\": {\"value\": \"VERIFIED\"}, "
                + "\"decideFirst\": {\"value\": true}}").status()).isEqualTo(204);
        Jobs.executeDue(management);
        DepartmentWork work = new DepartmentWork(tasks, management);
        assertThat(work.tasks(reference)).isEmpty();

        assertThat(submit(triage(reference), "{\"reviewDecision\": {\"value\": \"proceed\"}}").status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(work.tasks(reference)).isNotEmpty();
    }

    private static NewRequest erasure() {
        return new NewRequest("ERASURE", "Rolf Repeat", "rolf.repeat@example.com", "SE", "en", List.of("contact"), null);
    }

    private Task triage(String reference) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_TRIAGE).singleResult();
        assertThat(task).as("triage of " + reference).isNotNull();
        return task;
    }

    private Http.Response submit(Task task, String variables) {
        return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", "{\"variables\": " + variables + "}",
                "Authorization", TestUsers.auth("privacy"));
    }
}
