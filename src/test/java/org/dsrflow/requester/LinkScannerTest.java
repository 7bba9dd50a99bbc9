package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail gateways (Safe Links, Proofpoint, Mimecast) open every link of a message, with HEAD and GET,
 * before the person does, often from the person's own network. Opening a link of ours must change
 * nothing and count nothing the person needs: only the button on the page (a POST with the page's
 * CSRF token) confirms, answers or downloads. Low per-address limits here, so that a count would show.
 */
@SmtpIntegrationTest
@LowLinkLimits
class LinkScannerTest extends WithGreenMail {

    static final int SCANS = 5;

    @LocalServerPort
    int port;
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

    @Test
    void aScannerOpeningTheConfirmationLinkConfirmsNothingOnlyThePersonsButtonDoes() {
        String reference = submit("ERASURE", "sv", List.of("contact"));
        String confirm = Mails.confirmationPath(Mails.lastAbout(greenMail, reference));

        for (int scan = 0; scan < SCANS; scan++) {
            Http scanner = new Http(port);
            assertThat(scanner.head(confirm).status()).as("HEAD").isEqualTo(200);
            assertThat(scanner.get(confirm).status()).as("GET").isEqualTo(200);
        }
        assertStillUnconfirmed(reference);

        // The person's page says what they are confirming (the reference and what was asked for) and has a button.
        Http person = new Http(port);
        Http.Response page = person.get(confirm);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(reference, "radering av dina personuppgifter", "id=\"confirm-button\"",
                "Bekräfta min begäran", "name=\"_csrf\"").doesNotContain("id=\"confirmed\"");
        assertStillUnconfirmed(reference);

        // Without the page's CSRF token the button does nothing.
        String token = confirm.substring(confirm.indexOf("token=") + 6);
        assertThat(person.postForm("/confirm", Map.of("token", token)).status()).isEqualTo(403);
        assertStillUnconfirmed(reference);

        Http.Response pressed = person.postForm("/confirm", Map.of("token", token, "_csrf", Http.csrf(page.body())));
        assertThat(pressed.status()).isEqualTo(303);
        Http.Response confirmed = person.get(pathOf(pressed.header("Location")));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("id=\"confirmed\"", reference);
        DsrRequest after = requests.findByReference(reference).orElseThrow();
        assertThat(after.confirmedAt()).isNotNull();
        assertThat(after.status()).isNotEqualTo(RequestStatus.AWAITING_CONFIRMATION);
        assertThat(process.isWaitingForEmailConfirmation(reference)).isFalse();
        // A scanner coming back later is told it was used, and changes nothing.
        assertThat(new Http(port).get(confirm).body()).contains("id=\"already-confirmed\"");
    }

    @Test
    void aScannerOpeningTheReplyLinkUsesNothingOnlyThePersonsAnswerDoes() {
        String reference = submit("ACCESS", "da", List.of("health"));
        process.emailConfirmed(reference);
        var check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
        tasks.complete(check.getId(), Map.of("identityMethod", "KNOWLEDGE", "identityOutcome", "NEED_MORE",
                "identityRequest", "The city of the course you attended."));
        Jobs.executeDue(management);
        String reply = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/reply\\?token=[A-Za-z0-9_-]+");
        long id = requests.findByReference(reference).orElseThrow().id();

        for (int scan = 0; scan < SCANS; scan++) {
            Http scanner = new Http(port);
            assertThat(scanner.head(reply).status()).as("HEAD").isEqualTo(200);
            assertThat(scanner.get(reply).status()).as("GET").isEqualTo(200);
        }
        assertThat(unusedTokens(id, "REPLY")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from dsr_requester_reply where request_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(process.isWaitingForRequesterReply(reference)).isTrue();

        Http person = new Http(port);
        Http.Response page = person.get(reply);
        Http.Response sent = person.postForm("/reply", Map.of("token", reply.substring(reply.indexOf("token=") + 6),
                "text", "Aarhus", "_csrf", Http.csrf(page.body())));
        assertThat(sent.body()).contains("id=\"reply-sent\"");
        assertThat(unusedTokens(id, "REPLY")).isZero();
        assertThat(process.isWaitingForRequesterReply(reference)).isFalse();
    }

    @Test
    void aScannerOpeningTheDownloadLinksRecordsNoDownloadOnlyThePersonsButtonDoes() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        for (var task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "yes", "contact", Map.of("data", "Storgatan 1, Stockholm")));
        }
        work.approve(reference);
        String landing = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String token = landing.substring(landing.indexOf("token=") + 6);
        long id = requests.findByReference(reference).orElseThrow().id();

        // Every link an answer email has carried: the landing page, and the files themselves.
        List<String> links = List.of(landing, landing + "&format=json", "/download/file?token=" + token,
                "/download/file?token=" + token + "&format=json");
        for (int scan = 0; scan < SCANS; scan++) {
            Http scanner = new Http(port);
            for (String link : links) {
                assertThat(scanner.head(link).status()).as("HEAD " + link).isLessThan(400);
                Http.Response opened = scanner.get(link);
                assertThat(opened.status()).as("GET " + link).isLessThan(400);
                assertThat(opened.body()).as("GET " + link).doesNotContain("Storgatan 1");
            }
        }
        assertThat(downloads(id)).isZero();

        // The person presses "Open the report" on the landing page: one download, recorded.
        Http person = new Http(port);
        Http.Response page = person.get(landing);
        assertThat(page.body()).contains("id=\"report-link\"", "name=\"_csrf\"");
        Http.Response report = person.postForm("/download/file", Map.of("token", token, "format", "html",
                "_csrf", Http.csrf(page.body())));
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("Storgatan 1, Stockholm");
        assertThat(downloads(id)).isEqualTo(1);
    }

    @Test
    void openingTheStatusLinkChangesNothingAndIsNeverCountedAgainstThePerson() {
        String reference = submit("ACCESS", "en", List.of("contact"));
        String status = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");
        long id = requests.findByReference(reference).orElseThrow().id();
        long statusKeys = unusedTokens(id, "STATUS");

        for (int scan = 0; scan < SCANS; scan++) {
            Http scanner = new Http(port);
            assertThat(scanner.head(status).status()).as("HEAD").isEqualTo(200);
            assertThat(scanner.get(status).status()).as("GET").isEqualTo(200);
        }
        assertStillUnconfirmed(reference);
        assertThat(unusedTokens(id, "STATUS")).isEqualTo(statusKeys).isPositive();
        // The person, on the same network as the scanner, still sees the status.
        assertThat(new Http(port).get(status).body()).contains("id=\"stage\"", reference);
    }

    private void assertStillUnconfirmed(String reference) {
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_CONFIRMATION);
        assertThat(request.confirmedAt()).isNull();
        assertThat(unusedTokens(request.id(), "CONFIRM")).isEqualTo(1);
        assertThat(process.isWaitingForEmailConfirmation(reference)).isTrue();
    }

    private long unusedTokens(long requestId, String purpose) {
        return jdbc.sql("select count(*) from dsr_token where request_id = :id and purpose = :purpose and used_at is null")
                .param("id", requestId).param("purpose", purpose).query(Long.class).single();
    }

    private long downloads(long requestId) {
        return jdbc.sql("select count(*) from dsr_download d join dsr_document c on c.id = d.document_id where c.request_id = :id")
                .param("id", requestId).query(Long.class).single();
    }

    private String submit(String type, String language, List<String> categories) {
        String reference = intake.submitReceivedToday(new NewRequest(type, "Test Person", "person@example.com", "SE",
                language, categories, null), Channel.WEB).request().reference();
        Jobs.executeDue(management);
        return reference;
    }

    /** A Location header's path and query (relative or absolute). */
    static String pathOf(String location) {
        assertThat(location).as("Location").isNotNull();
        return location.replaceFirst("^https?://[^/]+", "");
    }
}
