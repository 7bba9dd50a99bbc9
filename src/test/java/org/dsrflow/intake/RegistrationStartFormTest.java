package org.dsrflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RegisterRequestProcess;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Channel;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.WithGreenMail;

/**
 * The Tasklist start form "Register a request" as Tasklist submits it (REST submit-form on the
 * process definition, as the privacy user): the request is stored with its date of receipt, its
 * process started, and the form's values are gone from the registration instance.
 */
@SmtpIntegrationTest
class RegistrationStartFormTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RequestRepository requests;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;
    @Autowired
    org.dsrflow.notification.CorrespondenceRepository correspondence;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
        ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2026-04-20T09:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void privacyTeamRegistersALetterThroughTheStartForm() {
        assertThat(http.get("/engine-rest/process-definition/key/register-request/deployed-start-form",
                "Authorization", TestUsers.auth("privacy")).json().get("id").asText()).isEqualTo("register-request");

        Http.Response started = submit("privacy", "2026-04-14", "NO");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String reference = started.json().get("businessKey").asText();

        DsrRequest request = requests.findByReference(reference).orElseThrow();
        assertThat(request.receivedOn()).isEqualTo("2026-04-14");
        assertThat(request.channel()).isEqualTo(Channel.POST);
        assertThat(request.categories()).containsExactly("contact", "health");
        assertThat(request.dueDate()).isEqualTo("2026-05-15"); // 14 May 2026 is Ascension Day in Norway
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DataSubjectRequestProcess.KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);
        String registration = started.json().get("id").asText();
        // The form's personal data is removed from the registration instance and never reaches the history: what
        // stays is the registrar's receipt (reference, type, site, due date) and who registered it.
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(registration).includeDeleted().list())
                .extracting(org.camunda.bpm.engine.history.HistoricVariableInstance::getName)
                .containsExactlyInAnyOrder("initiator", RegisterRequestProcess.REFERENCE.name(), RegisterRequestProcess.RECEIPT.name());
        assertThat(history.createHistoricDetailQuery().processInstanceId(registration).count()).isZero();
    }

    @Test
    void aFutureDateIsRefusedWithAMessageAndNothingIsStored() {
        long before = requests.count();
        long registrations = history.createHistoricProcessInstanceQuery().processDefinitionKey(RegisterRequestProcess.KEY)
                .processInstanceBusinessKeyLike("DSR-%").count();
        Http.Response refused = submit("privacy", "2026-04-21", "SE");
        assertThat(refused.status()).isEqualTo(400);
        // Said as the form says it, with the dates written out: no variable names, no engine wording.
        assertThat(refused.json().get("message").asText())
                .contains("Received on: must not be in the future: 2026-04-21 is after today (2026-04-20 in Sweden)")
                .doesNotContain("receivedOn");
        assertThat(requests.count()).isEqualTo(before);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RegisterRequestProcess.KEY)
                .processInstanceBusinessKeyLike("DSR-%").count()).isEqualTo(registrations);
    }

    /** Flagged at registration, a phone request waits for the privacy team's decision before any department acts. */
    @Test
    void aRequestFlaggedAtRegistrationGetsNoDepartmentTaskUntilThePrivacyTeamDecides() {
        Http.Response started = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ERASURE"}, "name": {"value": "Frida Flag"}, "email": {"value": "frida@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "categories": {"value": "[\\"contact\\"]", "type": "Json"},
                  "receivedOn": {"value": "2026-04-16"}, "channel": {"value": "PHONE"}, "identityCheck": {"value": "CALL_BACK"},
                  "decideFirst": {"value": true}}}""",
                "Authorization", TestUsers.auth("privacy"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String reference = started.json().get("businessKey").asText();
        org.dsrflow.testsupport.Jobs.executeDue(management);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_TRIAGE).count()).isEqualTo(1);

        // The staff API takes the flag too, as a boolean.
        Http.Response wrong = http.postJson("/api/staff/requests", """
                {"type": "ACCESS", "name": "Frida Flag", "email": "frida@example.com", "site": "SE", "language": "sv",
                 "receivedOn": "2026-04-16", "channel": "EMAIL", "identityCheck": "ID_SEEN", "decideFirst": "yes"}""",
                "Authorization", TestUsers.auth("privacy"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("decideFirst");
    }

    @Test
    void aRestrictionRegisteredThroughTheStartFormKeepsItsGround() {
        Http.Response started = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "RESTRICTION"}, "name": {"value": "Rolf Brev"}, "email": {"value": "rolf@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "ground": {"value": "OBJECTION_PENDING"},
                  "categories": {"value": "[\\"communication\\"]", "type": "Json"},
                  "receivedOn": {"value": "2026-04-16"}, "channel": {"value": "EMAIL"}, "identityCheck": {"value": "ID_SEEN"}}}""",
                "Authorization", TestUsers.auth("privacy"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        DsrRequest request = requests.findByReference(started.json().get("businessKey").asText()).orElseThrow();
        assertThat(request.type()).isEqualTo(org.dsrflow.request.RequestType.RESTRICTION);
        assertThat(request.restrictionGround()).isEqualTo(org.dsrflow.request.RestrictionGround.OBJECTION_PENDING);
    }

    @Test
    void aDateThatIsNotYearMonthDayIsRefusedWithTheFormatToUse() {
        for (String date : java.util.List.of("04/14/2026", "14.4.2026", "2026-4-14", "2026-02-30")) {
            Http.Response refused = submit("privacy", date, "SE");
            assertThat(refused.status()).as(date).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).as(date)
                    .contains("Received on: write the date as year-month-day, e.g. 2026-04-20");
        }
    }

    @Test
    void aLetterWithoutAnEmailAddressIsRegisteredWithItsPostalAddressAndNothingIsEmailed() {
        Http.Response started = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ACCESS"}, "name": {"value": "Per Brev"}, "site": {"value": "SE"}, "language": {"value": "sv"},
                  "postalAddress": {"value": "Storgatan 1\\n111 22 Stockholm"},
                  "receivedOn": {"value": "2026-04-14"}, "channel": {"value": "POST"}, "identityCheck": {"value": "KNOWLEDGE"}}}""",
                "Authorization", TestUsers.auth("privacy"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        DsrRequest request = requests.findByReference(started.json().get("businessKey").asText()).orElseThrow();
        assertThat(request.requesterEmail()).isNull();
        assertThat(request.postalAddress()).isEqualTo("Storgatan 1\n111 22 Stockholm");
        org.dsrflow.testsupport.Jobs.executeDue(management);
        // The acknowledgement is due by post: recorded for the privacy team, never sent, no incident.
        assertThat(correspondence.findByRequest(request.id())).singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo("BY_POST"));
        assertThat(runtime.createIncidentQuery().count()).isZero();
        // The privacy team reads where to write on the request page.
        Http.Response page = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "tasklist")
                .get("/staff/requests/" + request.reference());
        assertThat(page.body()).contains("Storgatan 1").contains("answers go by post");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRegistrationWithoutEmailAndPostalAddressIsRefusedSayingSo() {
        long before = requests.count();
        Http.Response refused = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ACCESS"}, "name": {"value": "Per Brev"}, "site": {"value": "SE"}, "language": {"value": "sv"},
                  "receivedOn": {"value": "2026-04-14"}, "channel": {"value": "PHONE"}}}""", "Authorization", TestUsers.auth("privacy"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("an email address or a postal address");
        assertThat(requests.count()).isEqualTo(before);
    }

    @Test
    void someoneActingForThePersonIsRegisteredWithTheirDetailsAndTheIdentityIsCheckedByHand() {
        Http.Response started = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ERASURE"}, "name": {"value": "Karin Berg"}, "email": {"value": "karin@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "receivedOn": {"value": "2026-04-14"},
                  "channel": {"value": "PHONE"}, "onBehalf": {"value": true}, "agentName": {"value": "Advokat Lind"},
                  "agentEmail": {"value": "lind@example.com"}, "authorisationConfirmed": {"value": true},
                  "identityCheck": {"value": "CALL_BACK"}}}""",
                "Authorization", TestUsers.auth("privacy"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String reference = started.json().get("businessKey").asText();
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        assertThat(request.onBehalf()).isTrue();
        assertThat(requests.agent(request.id())).hasValueSatisfying(agent -> {
            assertThat(agent.name()).isEqualTo("Advokat Lind");
            assertThat(agent.email()).isEqualTo("lind@example.com");
        });
        org.dsrflow.testsupport.Jobs.executeDue(management);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).count()).isEqualTo(1);
    }

    /** A call or a letter proves nothing by itself: without a check of who the person is, no department acts. */
    @Test
    void aPhoneRequestWithNeitherAnIdentityCheckNorTheConfirmationLinkIsRefusedAndNothingIsStored() {
        long before = requests.count();
        Http.Response refused = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ACCESS"}, "name": {"value": "Per Telefon"}, "email": {"value": "per@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "receivedOn": {"value": "2026-04-14"},
                  "channel": {"value": "PHONE"}}}""", "Authorization", TestUsers.auth("privacy"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText())
                .contains("How did you check who the person is?", "confirmation link").doesNotContain("identityCheck");
        assertThat(requests.count()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DataSubjectRequestProcess.KEY).list())
                .allMatch(instance -> requests.findByReference(instance.getBusinessKey()).isPresent());
    }

    @Test
    void aRequestRegisteredWithTheConfirmationLinkWaitsForThePersonBeforeAnyDepartmentIsAsked() throws Exception {
        Http.Response started = http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ACCESS"}, "name": {"value": "Per Telefon"}, "email": {"value": "per.link@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "receivedOn": {"value": "2026-04-14"},
                  "channel": {"value": "PHONE"}, "identityCheck": {"value": "EMAIL_LINK"}}}""", "Authorization", TestUsers.auth("privacy"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String reference = started.json().get("businessKey").asText();
        org.dsrflow.testsupport.Jobs.executeDue(management);
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        assertThat(request.status()).isEqualTo(org.dsrflow.request.RequestStatus.AWAITING_CONFIRMATION);
        assertThat(request.receivedOn()).isEqualTo("2026-04-14");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).list())
                .noneMatch(task -> task.getTaskDefinitionKey().equals(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK));
        jakarta.mail.internet.MimeMessage link = org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference);
        assertThat(org.dsrflow.testsupport.Mails.recipient(link)).isEqualTo("per.link@example.com");
        assertThat(org.dsrflow.testsupport.Mails.text(link)).contains("/confirm?token=");
    }

    @Test
    void anIdentityCheckAtRegistrationIsRecordedWithWhoCheckedAndHowAndTheDepartmentsAreAsked() {
        Http.Response started = submit("privacy", "2026-04-14", "SE");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String reference = started.json().get("businessKey").asText();
        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(jdbc.sql("select method || ' ' || outcome || ' ' || checked_by from dsr_identity_check where request_id = :id")
                .param("id", id).query(String.class).list()).containsExactly("KNOWLEDGE VERIFIED " + TestUsers.of("privacy"));
        assertThat(requests.findByReference(reference).orElseThrow().status()).isNotEqualTo(org.dsrflow.request.RequestStatus.AWAITING_CONFIRMATION);
    }

    @Test
    void theRegistrarIsToldTheReferenceAndTheDueDateRightAfterTheStart() {
        Http.Response started = submit("privacy", "2026-04-14", "NO");
        String reference = started.json().get("businessKey").asText();
        // What Tasklist shows after a start: the tasks of the new instance assigned to whoever started it.
        org.camunda.bpm.engine.task.Task receipt = taskService.createTaskQuery().processInstanceId(started.json().get("id").asText())
                .taskAssignee(TestUsers.of("privacy")).singleResult();
        assertThat(receipt.getName()).contains(reference).contains("due 15 May 2026");
        // It closes itself after a day if nobody does.
        ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2026-04-21T10:00:00Z")));
        org.dsrflow.testsupport.Jobs.executeDue(management);
        assertThat(taskService.createTaskQuery().taskId(receipt.getId()).count()).isZero();
    }

    @Test
    void departmentsCannotRegisterRequests() {
        long before = requests.count();
        // Departments cannot even see the registration process.
        assertThat(submit("sales", "2026-04-14", "SE").status()).isEqualTo(404);
        assertThat(requests.count()).isEqualTo(before);
    }

    private Http.Response submit(String group, String receivedOn, String site) {
        return http.postJson("/engine-rest/process-definition/key/register-request/submit-form", """
                {"variables": {
                  "type": {"value": "ACCESS"}, "name": {"value": "Lise Brev"}, "email": {"value": "lise@example.com"},
                  "site": {"value": "%s"}, "language": {"value": "nb"},
                  "categories": {"value": "[\\"contact\\",\\"health\\"]", "type": "Json"},
                  "receivedOn": {"value": "%s"}, "channel": {"value": "POST"}, "details": {"value": "Letter of 13 April"},
                  "identityCheck": {"value": "KNOWLEDGE"}}}"""
                .formatted(site, receivedOn), "Authorization", TestUsers.auth(group));
    }
}
