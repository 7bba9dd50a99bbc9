package org.dsrflow.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The statutory clock end to end, with the engine clock set to fixed dates: staff registration with
 * a past date of receipt, the dates in the API, in Tasklist (REST) and on the timers; the clock stop
 * while waiting for the email confirmation; the extension before the cut-off and its refusal after.
 * Expected dates are the worked examples of GDPR-RULES.md, worked out by hand.
 */
@SmtpIntegrationTest
class StatutoryDeadlinesLifecycleTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    org.dsrflow.request.RequestRepository requests;

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
    void requestRegisteredWithAPastReceiptDateCarriesItsStatutoryDatesEverywhere() {
        setClock("2026-03-10T10:00:00Z");
        Http.Response registered = register("SE", "2026-03-05", "POST");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode request = registered.json();
        String reference = request.get("reference").asText();
        assertThat(request.get("receivedOn").asText()).isEqualTo("2026-03-05");
        assertThat(request.get("dueDate").asText()).isEqualTo("2026-04-07"); // 5 Apr Easter Sunday, 6 Apr Easter Monday
        assertThat(request.get("channel").asText()).isEqualTo("POST");
        assertThat(request.get("clockStops")).isEmpty();
        assertThat(request.has("extendedDueDate")).isFalse();

        Jobs.executeDue(management);
        MimeMessage acknowledgement = Mails.lastTo(greenMail, "per@example.com");
        assertThat(Mails.text(acknowledgement)).contains("7 April 2026").doesNotContain("/confirm?token=");

        // Tasklist (REST, as the department sees it): internal target 10 days from today, 17:00 Stockholm.
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference,
                "Authorization", TestUsers.auth("sales")).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("due").asText()).isEqualTo("2026-03-20T16:00:00.000+0000");
        assertThat(tasks.get(0).get("followUp").asText()).isEqualTo("2026-03-18T07:00:00.000+0000");

        // Timers: warning 7 days before the due date at 08:00, breach at the end of the due date (CEST).
        assertThat(timer(reference, DataSubjectRequestProcess.Elements.TIMER_DEADLINE_WARNING))
                .isEqualTo(Instant.parse("2026-03-31T06:00:00Z"));
        assertThat(timer(reference, DataSubjectRequestProcess.Elements.TIMER_DEADLINE_BREACH))
                .isEqualTo(Instant.parse("2026-04-07T21:59:59Z"));
        // Date-typed variables that Cockpit shows and sorts.
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        assertThat(runtime.getVariable(instanceId, "dueDate")).isEqualTo(Date.from(Instant.parse("2026-04-07T21:59:59Z")));
        assertThat(runtime.getVariable(instanceId, "receivedOn")).isEqualTo(Date.from(Instant.parse("2026-03-04T23:00:00Z")));

        // The staff view of the request says the same.
        JsonNode shown = http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("managers")).json();
        assertThat(shown.get("dueDate").asText()).isEqualTo("2026-04-07");
    }

    @Test
    void extensionBeforeTheDueDateMovesTheDeadlineAndIsRefusedAfterIt() throws Exception {
        setClock("2026-03-10T10:00:00Z");
        String reference = register("SE", "2026-03-05", "EMAIL").json().get("reference").asText();
        Jobs.executeDue(management);

        setClock("2026-03-31T06:00:01Z");
        Jobs.executeDue(management); // warning timer, warning email
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(this::subject))
                .contains("Deadline warning: " + reference);
        JsonNode decision = extensionTask(reference);
        assertThat(decision.get("due").asText()).isEqualTo("2026-04-07T21:59:59.000+0000");

        Http.Response noReasons = submitExtension(decision, "{\"extend\": {\"value\": true}}");
        assertThat(noReasons.status()).isEqualTo(400);
        assertThat(noReasons.json().get("message").asText()).contains("needs reasons");

        Http.Response extended = submitExtension(decision, """
                {"extend": {"value": true}, "extensionReasons": {"value": "Eleven systems to search, two archived."}}""");
        assertThat(extended.status()).as(extended.body()).isEqualTo(204);
        Jobs.executeDue(management);

        JsonNode request = http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(request.get("dueDate").asText()).isEqualTo("2026-04-07");
        assertThat(request.get("extendedDueDate").asText()).isEqualTo("2026-06-05");
        assertThat(timer(reference, DataSubjectRequestProcess.Elements.TIMER_DEADLINE_BREACH))
                .isEqualTo(Instant.parse("2026-06-05T21:59:59Z"));
        assertThat(timer(reference, DataSubjectRequestProcess.Elements.TIMER_WARNING_AFTER_EXTENSION))
                .isEqualTo(Instant.parse("2026-05-29T06:00:00Z"));
        MimeMessage notice = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subject(m).startsWith("We need more time")).findFirst().orElseThrow();
        assertThat(Mails.text(notice)).contains("5 June 2026", "Eleven systems to search", "Integritetsskyddsmyndigheten");

        // A second request whose decision comes a day too late.
        setClock("2026-03-10T10:00:00Z");
        String late = register("SE", "2026-03-05", "PHONE").json().get("reference").asText();
        Jobs.executeDue(management);
        setClock("2026-03-31T06:00:01Z");
        Jobs.executeDue(management);
        JsonNode lateDecision = extensionTask(late);
        setClock("2026-04-08T08:00:00Z");
        Http.Response refused = submitExtension(lateDecision, """
                {"extend": {"value": true}, "extensionReasons": {"value": "Too many requests."}}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("2026-04-07 has passed");
    }

    /** An extension with a standard reason: the Danish requester reads the register's Danish text, then our words. */
    @Test
    void anExtensionWithAStandardReasonTellsTheRequesterItsTextInTheirLanguage() throws Exception {
        setClock("2026-03-10T10:00:00Z");
        String reference = http.postJson("/api/staff/requests", registration("DK", "2026-03-05", "EMAIL").replace("\"en\"", "\"da\""),
                "Authorization", TestUsers.auth("privacy")).json().get("reference").asText();
        Jobs.executeDue(management);
        setClock("2026-03-31T06:00:01Z");
        Jobs.executeDue(management);
        JsonNode decision = extensionTask(reference);

        Http.Response unknown = submitExtension(decision, """
                {"extend": {"value": true}, "extensionReason": {"value": "holidays"}}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("extensionReason: 'holidays' is not a standard reason of the register (complex, number)");

        Http.Response extended = submitExtension(decision, """
                {"extend": {"value": true}, "extensionReason": {"value": "complex"}, "extensionReasons": {"value": "Elleve systemer."}}""");
        assertThat(extended.status()).as(extended.body()).isEqualTo(204);
        Jobs.executeDue(management);

        MimeMessage notice = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> Mails.text(m).contains(reference) && Mails.text(m).contains("Elleve systemer.")).findFirst().orElseThrow();
        String text = Mails.text(notice);
        assertThat(text).contains("Din anmodning er kompleks", "databeskyttelsesforordningens artikel 12, stk. 3", "Elleve systemer.")
                .doesNotContain("Your request is complex");
        assertThat(text.indexOf("Din anmodning er kompleks")).isLessThan(text.indexOf("Elleve systemer."));
        // The status page says the same, in the same language.
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/status\\?ref=" + reference + "&key=[A-Za-z0-9_-]+")
                .matcher(Arrays.stream(greenMail.getReceivedMessages()).map(Mails::text).filter(m -> m.contains("/status?ref=" + reference))
                        .findFirst().orElseThrow());
        assertThat(link.find()).isTrue();
        assertThat(http.get(link.group()).body()).contains("Din anmodning er kompleks", "Elleve systemer.");
    }

    @Test
    void waitingForTheEmailConfirmationStopsTheClockAndTheDueDateIsRecomputed() {
        setClock("2026-01-30T09:00:00Z");
        Http.Response created = http.postJson("/api/requests", """
                {"type": "ACCESS", "name": "Ann Example", "email": "ann@example.com", "site": "SE", "language": "en",
                 "categories": ["contact"]}""");
        String reference = created.json().get("reference").asText();
        String statusKey = created.json().get("statusKey").asText();
        Jobs.executeDue(management);
        MimeMessage acknowledgement = greenMail.getReceivedMessages()[0];

        JsonNode waiting = http.get("/api/requests/" + reference, "X-Status-Key", statusKey).json();
        assertThat(waiting.get("clockStopped").asBoolean()).isTrue();
        assertThat(waiting.get("clockStops").get(0).get("reason").asText()).isEqualTo("EMAIL_CONFIRMATION");
        assertThat(waiting.get("clockStops").get(0).get("stoppedOn").asText()).isEqualTo("2026-01-30");

        setClock("2026-02-02T12:00:00Z");
        assertThat(Links.confirm(http, Mails.confirmationPath(acknowledgement)).body()).contains("id=\"confirmed\"");

        JsonNode resumed = http.get("/api/requests/" + reference, "X-Status-Key", statusKey).json();
        assertThat(resumed.get("clockStopped").asBoolean()).isFalse();
        assertThat(resumed.get("clockStops").get(0).get("resumedOn").asText()).isEqualTo("2026-02-02");
        assertThat(resumed.get("dueDate").asText()).isEqualTo("2026-03-03"); // 28 Feb + 3 days stopped
        assertThat(timer(reference, DataSubjectRequestProcess.Elements.TIMER_DEADLINE_BREACH))
                .isEqualTo(Instant.parse("2026-03-03T22:59:59Z"));
    }

    @Test
    void registrationOutsideTheAllowedDatesOrByOthersThanThePrivacyTeamIsRefused() {
        setClock("2026-03-10T10:00:00Z");
        Http.Response future = register("SE", "2026-03-11", "POST");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("receivedOn").contains("must not be in the future");
        Http.Response tooOld = register("SE", "2025-01-01", "POST");
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(tooOld.body()).contains("must not be before");
        Http.Response web = register("SE", "2026-03-05", "WEB");
        assertThat(web.status()).isEqualTo(400);
        assertThat(web.body()).contains("channel");
        // Nobody checked who called: refused, naming the field and the choices (GDPR recital 64).
        long stored = requests.count();
        Http.Response unchecked = http.postJson("/api/staff/requests",
                registration("SE", "2026-03-05", "PHONE").replace("\"KNOWLEDGE\"", "null"),
                "Authorization", TestUsers.auth("privacy"));
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(400);
        assertThat(unchecked.body()).contains("identityCheck", "KNOWLEDGE, CALL_BACK, ID_SEEN", "EMAIL_LINK");
        Http.Response linkWithoutAddress = http.postJson("/api/staff/requests", registration("SE", "2026-03-05", "POST")
                        .replace("\"email\": \"per@example.com\"", "\"postalAddress\": \"Storgatan 1\"")
                        .replace("KNOWLEDGE", "EMAIL_LINK"), "Authorization", TestUsers.auth("privacy"));
        assertThat(linkWithoutAddress.status()).as(linkWithoutAddress.body()).isEqualTo(400);
        assertThat(linkWithoutAddress.body()).contains("identityCheck", "needs an email address");
        assertThat(requests.count()).isEqualTo(stored);
        assertThat(http.postJson("/api/staff/requests", registration("SE", "2026-03-05", "POST"),
                "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
        assertThat(http.postJson("/api/staff/requests", registration("SE", "2026-03-05", "POST")).status()).isEqualTo(401);
    }

    private Http.Response register(String site, String receivedOn, String channel) {
        return http.postJson("/api/staff/requests", registration(site, receivedOn, channel),
                "Authorization", TestUsers.auth("privacy"));
    }

    private static String registration(String site, String receivedOn, String channel) {
        return """
                {"type": "ACCESS", "name": "Per Post", "email": "per@example.com", "site": "%s", "language": "en",
                 "categories": ["identification"], "receivedOn": "%s", "channel": "%s",
                 "identityCheck": "KNOWLEDGE"}""".formatted(site, receivedOn, channel);
    }

    private JsonNode extensionTask(String reference) {
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=" + DataSubjectRequestProcess.Elements.EXTENSION_DECISION,
                "Authorization", TestUsers.auth("privacy")).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private Http.Response submitExtension(JsonNode task, String variables) {
        return http.postJson("/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                "{\"variables\": " + variables + "}", "Authorization", TestUsers.auth("privacy"));
    }

    private Instant timer(String reference, String activityId) {
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        List<Job> timers = management.createJobQuery().processInstanceId(instanceId).activityId(activityId).timers().list();
        assertThat(timers).as("timer " + activityId).hasSize(1);
        return timers.get(0).getDuedate().toInstant();
    }

    private String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setClock(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }
}
