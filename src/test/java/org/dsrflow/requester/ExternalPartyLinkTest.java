package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The page of a processor or recipient (Art. 19, 28) from its emailed link: opening it (a mail
 * scanner, a colleague, a forwarded message) shows what to do but not who the person is; the
 * person's name and email address appear only when the party asks for them, a limited number of
 * times, each counted; the link ends once the party answered or the privacy team was told it did not.
 */
@SmtpIntegrationTest
@LowLinkLimits
class ExternalPartyLinkTest extends WithGreenMail {

    static final String EMAIL = "eva.links@example.com";
    static final String NAME = "Eva Ek";

    @LocalServerPort
    int port;
    @Autowired
    org.dsrflow.response.ExternalPartyPage externalPages;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RequestRepository requests;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void openingTheLinkShowsNoIdentifiersTheyAppearOnlyWhenAskedForAndAsOftenAsConfiguredEachCounted() {
        String reference = erasureAnswered("eva.links@example.com");
        String link = linkTo("privacy@hosting.example");

        // A mail scanner (HEAD, GET) and the party opening the page: nothing about who the person is, nothing changes.
        for (int scan = 0; scan < 3; scan++) {
            Http scanner = new Http(port);
            assertThat(scanner.head(link).status()).isEqualTo(200);
            Http.Response page = scanner.get(link);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(reference, "Digitala uppgifter").doesNotContain(EMAIL, NAME);
        }
        assertThat(task(reference, "hosting-partner")).containsEntry("identifier_views", 0).containsEntry("answered_at", null);
        assertThat(waitingParties(reference)).isEqualTo(2);

        // The party asks to see who the person is: shown, and counted.
        Http party = new Http(port);
        Http.Response page = party.get(link);
        assertThat(page.body()).contains("id=\"show-person\"");
        Http.Response shown = party.postForm("/external/person", Map.of("token", token(link), "_csrf", Http.csrf(page.body())));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains(NAME, EMAIL, "id=\"person\"");
        // The language switcher leads back to the link's page (the token was in the form), not to the posted address.
        assertThat(shown.body()).contains("href=\"/external?token=" + token(link) + "&amp;lang=en\"");
        assertThat(task(reference, "hosting-partner")).containsEntry("identifier_views", 1);
        // Without the page's CSRF token: refused, not counted.
        assertThat(new Http(port).postForm("/external/person", Map.of("token", token(link))).status()).isEqualTo(403);
        int views = externalPages.identifierViews(); // dsr.external-parties.identifier-views, 3 by default
        assertThat(views).as("enough views for a count to show").isGreaterThanOrEqualTo(2);
        for (int view = 2; view <= views; view++) {
            assertThat(party.postForm("/external/person", Map.of("token", token(link), "_csrf", Http.csrf(page.body())))
                    .body()).contains(EMAIL);
            assertThat(task(reference, "hosting-partner")).containsEntry("identifier_views", view);
        }

        // One more time: not shown any more; the party can still answer.
        Http.Response oneMore = party.postForm("/external/person", Map.of("token", token(link), "_csrf", Http.csrf(page.body())));
        assertThat(oneMore.status()).isEqualTo(410);
        assertThat(oneMore.body()).contains("id=\"person-limit\"", "id=\"answeredBy\"").doesNotContain(EMAIL, NAME);
        assertThat(task(reference, "hosting-partner")).containsEntry("identifier_views", views);
        Http.Response sent = party.postForm("/external", Map.of("token", token(link), "answeredBy", "Hanna Hosting",
                "outcome", "DONE", "_csrf", Http.csrf(page.body())));
        assertThat(sent.body()).contains("id=\"external-sent\"");

        // Answered: the link has ended, also for the person's details.
        assertThat(party.get(link).status()).isEqualTo(410);
        Http.Response after = party.postForm("/external/person", Map.of("token", token(link), "_csrf", Http.csrf(page.body())));
        assertThat(after.status()).isEqualTo(410);
        assertThat(after.body()).doesNotContain(EMAIL, NAME);
    }

    @Test
    void theLinkEndsWhenThePrivacyTeamIsToldThatThePartyDidNotAnswer() throws Exception {
        String reference = erasureAnswered("eva.silent@example.com");
        String first = linkTo("data-protection@ads.example");
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(6))));
        org.dsrflow.testsupport.Jobs.executeDue(management);
        String reminder = linkTo("data-protection@ads.example");
        assertThat(reminder).isNotEqualTo(first);
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(11))));
        org.dsrflow.testsupport.Jobs.executeDue(management);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "privacy@example.org"))).contains("has not confirmed", reference);

        for (String link : List.of(first, reminder)) {
            Http party = new Http(port);
            Http.Response page = party.get(link);
            assertThat(page.status()).as(link).isEqualTo(410);
            assertThat(page.body()).contains("id=\"external-ended\"").doesNotContain("eva.silent@example.com", "name=\"answeredBy\"");
            // A form's CSRF token from another page of the session: the posts themselves are refused, not their token.
            String csrf = Http.csrf(party.get("/status").body());
            Http.Response answer = party.postForm("/external", Map.of("token", token(link), "answeredBy", "Late Larry",
                    "outcome", "DONE", "_csrf", csrf));
            assertThat(answer.status()).isEqualTo(410);
            assertThat(answer.body()).contains("id=\"external-ended\"");
            Http.Response person = party.postForm("/external/person", Map.of("token", token(link), "_csrf", csrf));
            assertThat(person.status()).isEqualTo(410);
            assertThat(person.body()).doesNotContain("eva.silent@example.com");
        }
        assertThat(task(reference, "google")).containsEntry("answered_at", null).containsEntry("identifier_views", 0);
    }

    /** An erasure of digital data in Swedish, erased by its department: both parties of digital data are asked. */
    /**
     * Art. 19: a party told of a rectification must be able to do the same, so it sees what was corrected in
     * its categories — with the person's name and address, behind the same counted button, never in the email.
     */
    @Test
    void aPartyToldOfARectificationSeesTheCorrectedValuesWithThePersonNeverInTheEmail() {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RECTIFICATION", NAME,
                "eva.rectify@example.com", "SE", "en", List.of("digital"), "My newsletter sign-up IP is wrong."));
        for (var task : work.tasks(reference)) {
            work.complete(task, work.department(task).equals("webdigital")
                    ? Map.of("digital", Map.of("action", "corrected", "correction", "Sign-up IP 192.0.2.44 (was 192.0.2.4)"),
                            "recipients", "our hosting partner", "disclosedTo", List.of("hosting-partner"))
                    : Map.of("digital", Map.of("action", "none"), "recipients", "none"));
        }
        String link = linkTo("privacy@hosting.example");
        assertThat(Mails.text(Mails.lastTo(greenMail, "privacy@hosting.example"))).contains(reference).doesNotContain("192.0.2.44");

        Http party = new Http(port);
        Http.Response page = party.get(link);
        assertThat(page.body()).doesNotContain("192.0.2.44");
        Http.Response shown = party.postForm("/external/person", Map.of("token", token(link), "_csrf", Http.csrf(page.body())));
        assertThat(shown.body()).contains("id=\"corrections\"", "Sign-up IP 192.0.2.44 (was 192.0.2.4)", NAME);
    }

    private String erasureAnswered(String email) {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ERASURE", NAME, email, "SE", "sv",
                List.of("digital"), null));
        for (var task : work.tasks(reference)) {
            work.complete(task, work.department(task).equals("webdigital")
                    ? Map.of("digital", Map.of("action", "erased"), "recipients", "none", "disclosedTo", List.of("google", "hosting-partner"))
                    : Map.of("digital", Map.of("action", "none"), "recipients", "none"));
        }
        return reference;
    }

    private String linkTo(String party) {
        return Mails.linkPath(Mails.text(Mails.lastTo(greenMail, party)), "/external\\?token=[A-Za-z0-9_-]+");
    }

    private Map<String, Object> task(String reference, String party) {
        return jdbc.sql("select identifier_views, answered_at from dsr_external_task where request_id = :id and party = :party")
                .param("id", requests.findByReference(reference).orElseThrow().id()).param("party", party)
                .query((rs, row) -> {
                    Map<String, Object> values = new java.util.HashMap<>();
                    values.put("identifier_views", rs.getInt("identifier_views"));
                    values.put("answered_at", rs.getObject("answered_at"));
                    return values;
                }).single();
    }

    private long waitingParties(String reference) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(reference)
                .activityId(DataSubjectRequestProcess.Elements.RECEIVE_EXTERNAL_PARTY).count();
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }
}
