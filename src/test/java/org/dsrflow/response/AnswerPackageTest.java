package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.AnswerPackageScenario;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The requester's whole answer as one zip (issue 24): the report as HTML and PDF, the JSON, the files the privacy
 * team's review hands over and a manifest; served only from the download page's button, as an attachment, recorded.
 */
@SmtpIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AnswerPackageTest extends WithGreenMail {

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
    @Autowired
    RequestRepository requests;
    @Autowired
    ReviewedFiles reviewed;
    @Autowired
    DocumentService documents;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http http;
    AnswerPackageScenario scenario;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity);
        http = new Http(port);
        scenario = new AnswerPackageScenario(http, new DepartmentWork(tasks, management), intake, management, process, requests,
                reviewed, greenMail);
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void theZipHoldsTheReportAsHtmlAndPdfTheJsonAndExactlyTheHandedOverFilesWithAManifestAndIsRecorded(CapturedOutput output) {
        AnswerPackageScenario.Result result = scenario.run();

        AnswerPackageScenario.assertPackage(result);
        Http.Binary zip = result.zip();
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zip.header("Content-Disposition")).startsWith("attachment;").contains(result.reference() + "-your-data.zip");
        assertThat(zip.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(zip.header("Cache-Control")).contains("no-store");
        assertThat(documents.downloadsOf(result.requestId())).extracting(DocumentService.Download::format).containsExactly("zip");
        assertThat(output.getAll()).contains("Package of request id " + result.requestId() + " written: 2 files")
                .doesNotContain(AnswerPackageScenario.NAME, "photo.png", "call notes");
    }

    @Test
    void theDownloadPageOffersThePackageFirstAndSaysWhatIsInside() {
        AnswerPackageScenario.Result result = scenario.run();
        Http.Response page = http.get(result.landingPath());
        assertThat(page.body().indexOf("id=\"package-link\"")).isPositive().isLessThan(page.body().indexOf("id=\"report-link\""));
        assertThat(page.body()).contains("Ladda ner allt (zip)", "manifest.csv", "id=\"pdf-link\"");
    }

    @Test
    void theReportIsAnAttachmentNeverInlineAndThePdfIsServedAsStored() {
        AnswerPackageScenario.Result result = scenario.run();
        Http.Binary html = Links.downloadBytes(http, result.landingPath(), "html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Disposition")).startsWith("attachment;");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.header("Cache-Control")).contains("no-store");
        assertThat(html.text()).contains(result.reference());
        Http.Binary pdf = Links.downloadBytes(http, result.landingPath(), "pdf");
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("attachment;");
        assertThat(pdf.body()).isEqualTo(result.entries().get(result.reference() + "-access-report.pdf"));
        assertThat(documents.downloadsOf(result.requestId())).extracting(DocumentService.Download::format)
                .containsExactly("zip", "html", "pdf");
    }

    @Test
    void anExpiredLinkGetsTheExpiredPageAndNoZip() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
        String reference = scenario.answered();
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = org.dsrflow.testsupport.Mails.linkPath(org.dsrflow.testsupport.Mails.text(
                org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String csrf = Http.csrf(http.get(landing).body());

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-04T08:00:00Z")));
        Http.Binary expired = http.postFormForBytes("/download/file", Map.of("token", Links.token(landing), "format", "zip",
                "_csrf", csrf));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.header("Content-Type")).startsWith("text/html");
        assertThat(expired.text()).contains("id=\"expired\"").doesNotContain("PK\u0003\u0004");
        assertThat(documents.downloadsOf(requestId)).isEmpty();
    }

    @Test
    void anUnknownTokenIs404AndAGetOfTheFileNeverReturnsData() {
        String reference = scenario.answered();
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = org.dsrflow.testsupport.Mails.linkPath(org.dsrflow.testsupport.Mails.text(
                org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String csrf = Http.csrf(http.get(landing).body());

        Http.Binary unknown = http.postFormForBytes("/download/file", Map.of("token", "x".repeat(43), "format", "zip", "_csrf", csrf));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("id=\"unknown\"");
        Http.Response get = http.get("/download/file?token=" + Links.token(landing) + "&format=zip");
        assertThat(get.status()).isEqualTo(303);
        assertThat(get.body()).doesNotContain("PK\u0003\u0004");
        assertThat(get.header("Location")).contains("/download?token=").doesNotContain("/download/file");
        assertThat(documents.downloadsOf(requestId)).isEmpty();
    }

    /**
     * An answer with special-category data (health, Art. 9) opens only after a one-time code sent to the request's
     * address: not without it (403, nothing recorded), not with a wrong one, not in another browser with a used one;
     * then the answer is downloaded as often as dsr.response.max-downloads (20) allows, and no more (429).
     */
    @Test
    void aHealthAnswerAsksForAOneTimeCodeFromTheRequestersMailboxAndItsDownloadsAreLimited() throws Exception {
        String address = org.dsrflow.testsupport.Requests.newAddress("health");
        String reference = org.dsrflow.testsupport.Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(
                "ACCESS", "Test Person", address, "SE", "en", java.util.List.of("health"), null));
        // Special categories: the privacy team verifies the requester's identity first.
        String check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(org.dsrflow.process.DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult().getId();
        assertThat(http.postJson("/engine-rest/task/" + check + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "VERIFIED"}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        org.dsrflow.testsupport.Jobs.executeDue(management);
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (org.camunda.bpm.engine.task.Task task : work.tasks(reference)) {
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("found", "yes");
            for (Object category : work.categoriesHeld(task)) {
                answer.put(String.valueOf(category), Map.of("data", "Allergy noted for the course lunch"));
            }
            work.complete(task, answer);
        }
        work.approve(reference);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = org.dsrflow.testsupport.Mails.linkPath(org.dsrflow.testsupport.Mails.text(
                org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String token = Links.token(landing);

        Http.Response page = http.get(landing);
        assertThat(page.body()).contains("id=\"download-code\"", "id=\"send-code\"").doesNotContain("id=\"package-link\"");
        String csrf = Http.csrf(page.body());
        Http.Binary without = http.postFormForBytes("/download/file", Map.of("token", token, "format", "zip", "_csrf", csrf));
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.text()).contains("id=\"download-code\"").doesNotContain("PK\u0003\u0004");

        assertThat(http.postForm("/download/code", Map.of("token", token, "_csrf", csrf)).status()).isEqualTo(303);
        Http.Response sent = http.get(landing + "&code=sent");
        assertThat(sent.body()).contains("id=\"code-sent\"", "id=\"check-code\"");
        jakarta.mail.internet.MimeMessage mail = org.dsrflow.testsupport.Mails.lastTo(greenMail, address);
        assertThat(mail.getSubject()).isEqualTo("Your one-time code for request " + reference);
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?m)^(\\d{6})\\s*$").matcher(org.dsrflow.testsupport.Mails.text(mail));
        assertThat(digits.find()).as("a six-digit code on a line of its own").isTrue();
        String code = digits.group(1);
        String wrong = code.equals("000000") ? "000001" : "000000";

        csrf = Http.csrf(sent.body());
        Http.Response refused = http.postForm("/download/code/check", Map.of("token", token, "code", wrong, "_csrf", csrf));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"code-problem\"", "That code is not right");
        assertThat(http.postForm("/download/code/check", Map.of("token", token, "code", code, "_csrf", Http.csrf(refused.body())))
                .status()).isEqualTo(303);
        Http.Response open = http.get(landing);
        assertThat(open.body()).contains("id=\"package-link\"");
        Http.Binary zip = http.postFormForBytes("/download/file", Map.of("token", token, "format", "zip", "_csrf", Http.csrf(open.body())));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(AnswerPackageScenario.unzip(zip.body())).containsKey(reference + "-access-report.pdf");

        // The code worked once: another browser with the same link and code gets nowhere.
        Http other = new Http(port);
        String otherCsrf = Http.csrf(other.get(landing).body());
        Http.Response reused = other.postForm("/download/code/check", Map.of("token", token, "code", code, "_csrf", otherCsrf));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).contains("That code has expired or was already used");

        // Downloads are counted: 20 in all while the link works, then 429 and nothing more recorded.
        String csrfOpen = Http.csrf(open.body());
        for (int i = documents.downloadsOf(requestId).size(); i < 20; i++) {
            assertThat(http.postFormForBytes("/download/file", Map.of("token", token, "format", "json", "_csrf", csrfOpen)).status())
                    .isEqualTo(200);
        }
        Http.Binary limited = http.postFormForBytes("/download/file", Map.of("token", token, "format", "json", "_csrf", csrfOpen));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text()).contains("id=\"download-limit\"", "20 times");
        assertThat(documents.downloadsOf(requestId)).hasSize(20);
    }

    /**
     * After the link expired, its page offers "Email me a new link": the answer works again, a fresh link goes to the
     * request's own address (no new request), and that link opens the package; the new links are counted
     * (dsr.response.link-resends, 3); once the answer is no longer kept (30 days after expiry) nothing is offered.
     */
    @Test
    void theExpiredLinksPageEmailsAFreshLinkThatOpensThePackageAndOnlyAsOftenAsAllowed() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
        String reference = scenario.answered();
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = org.dsrflow.testsupport.Mails.linkPath(org.dsrflow.testsupport.Mails.text(
                org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        int mails = greenMail.getReceivedMessages().length;

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-10T08:00:00Z")));
        Http.Response expired = http.get(landing);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("id=\"renew-link\"");
        Http.Response renewed = http.postForm("/download/renew", Map.of("token", Links.token(landing), "_csrf", Http.csrf(expired.body())));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body()).contains("id=\"renewed\"");
        assertThat(greenMail.getReceivedMessages()).hasSize(mails + 1);
        String fresh = org.dsrflow.testsupport.Mails.linkPath(org.dsrflow.testsupport.Mails.text(
                org.dsrflow.testsupport.Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        assertThat(fresh).isNotEqualTo(landing);
        Http.Binary zip = Links.downloadBytes(http, fresh, "zip");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(AnswerPackageScenario.unzip(zip.body())).containsKey(reference + "-access-report.pdf");
        assertThat(jdbc.sql("select count(*) from dsr_request where requester_email = (select requester_email from dsr_request where id = :id)")
                .param("id", requestId).query(Long.class).single()).as("no new request").isEqualTo(1);

        // Three new links in all (with the status page's), then the page says so; 30 days after expiry, nothing is offered.
        for (String day : java.util.List.of("2026-07-11", "2026-08-11")) {
            ClockUtil.setCurrentTime(Date.from(Instant.parse(day + "T08:00:00Z")));
            Http.Response page = http.get(landing);
            assertThat(http.postForm("/download/renew", Map.of("token", Links.token(landing), "_csrf", Http.csrf(page.body())))
                    .body()).as(day).contains("id=\"renewed\"");
        }
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-11T08:00:00Z")));
        Http.Response page = http.get(landing);
        Http.Response limit = http.postForm("/download/renew", Map.of("token", Links.token(landing), "_csrf", Http.csrf(page.body())));
        assertThat(limit.status()).isEqualTo(429);
        assertThat(limit.body()).contains("id=\"renew-limit\"");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-10-12T08:00:00Z")));
        assertThat(http.get(landing).body()).contains("id=\"expired\"").doesNotContain("id=\"renew-link\"");
    }

    // Portability (Art. 20, issue 24): the departments' structured exports as they are, and the package sent to another
    // controller (Art. 20(2)).

    /**
     * A portability department attaches a CSV and a JSON export to a portable category through the staff API (a category
     * outside its portability task is refused, nothing stored); the privacy team includes them and approves; the requester's
     * zip carries them byte for byte in files/contact/, listed in the manifest.
     */
    @Test
    void aPortabilityDepartmentsCsvAndJsonExportsReachThePackageAsTheyAre() {
        String reference = scenario.portabilityAnswered(org.dsrflow.testsupport.Requests.newAddress("lars"));
        Map<String, byte[]> entries = AnswerPackageScenario.unzip(Links.downloadBytes(http, scenario.landing(reference), "zip").body());

        assertThat(entries).containsKeys(reference + "-access-report.html", reference + "-personal-data.csv");
        assertThat(entries.get("files/contact/crm-export.csv")).isEqualTo(AnswerPackageScenario.CRM_CSV);
        assertThat(entries.get("files/contact/orders.json")).isEqualTo(AnswerPackageScenario.ORDERS_JSON);
        assertThat(new String(entries.get("manifest.csv"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"files/contact/crm-export.csv\",\"contact\",\"sales\"," + AnswerPackageScenario.CRM_CSV.length + ","
                        + AnswerPackageScenario.sha256(AnswerPackageScenario.CRM_CSV));
    }

    /**
     * The categories of a portability task are the request's portable ones the department works on: sales holds
     * transaction data too, but this request is about contact details only, so a file for it is a 400 naming the category.
     */
    @Test
    void aPortabilityTaskTakesFilesOnlyForTheRequestsPortableCategories() {
        String reference = org.dsrflow.testsupport.Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(
                "PORTABILITY", "Lars Holm", org.dsrflow.testsupport.Requests.newAddress("lars"), "SE", "en",
                java.util.List.of("contact"), null));
        org.camunda.bpm.engine.task.Task sales = new DepartmentWork(tasks, management).task(reference, "sales");
        Http.Response refused = http.postMultipart("/api/staff/tasks/" + sales.getId() + "/files", Map.of("category", "transaction"),
                "file", "orders.json", AnswerPackageScenario.ORDERS_JSON, "Authorization", TestUsers.auth("sales"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("transaction", "contact");
        assertThat(jdbc.sql("select count(*) from dsr_department_file where task_id = :id").param("id", sales.getId())
                .query(Long.class).single()).isZero();
    }

    /**
     * Art. 20(2): the requester has the portability package sent to Nordic Bank AB after the one-time code; the bank gets
     * an English email with its link and the requester a confirmation; the bank's page names the sender and the reference,
     * not the person, and its zip holds the structured part only (the uploads byte for byte, SHA-256 as in the manifest, no
     * report); the download is recorded and shown on the case page; another browser cannot use the link; once it expires
     * (the clock moved) the page is a 410; an unknown link is a 404.
     */
    @Test
    void theRequesterHasThePortabilityPackageSentToAnotherOrganisationWhichDownloadsTheStructuredPartOnce() throws Exception {
        String address = org.dsrflow.testsupport.Requests.newAddress("lars");
        String reference = scenario.portabilityAnswered(address);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = scenario.landing(reference);
        assertThat(http.get(landing).body()).contains("id=\"transfer\"", "Have it sent to another organisation",
                "not an upload into its systems", "id=\"transfer-send-code\"", "your data portability request").doesNotContain("id=\"transfer-form\"");

        Http.Response sent = scenario.sendToTheBank(http, landing, address);

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"transferred\"", "Nordic Bank AB", "portability@bank.example");
        jakarta.mail.internet.MimeMessage toBank = org.dsrflow.testsupport.Mails.lastTo(greenMail, AnswerPackageScenario.BANK_ADDRESS);
        assertThat(toBank.getSubject()).contains(reference);
        assertThat(org.dsrflow.testsupport.Mails.text(toBank)).contains("Dear Nordic Bank AB", "Example Group sends you", "Art. 20(2)",
                "/transfer?token=").doesNotContain(AnswerPackageScenario.NAME, address);
        jakarta.mail.internet.MimeMessage confirmation = org.dsrflow.testsupport.Mails.lastTo(greenMail, address);
        assertThat(confirmation.getSubject()).isEqualTo("Your data has been sent to another organisation (request " + reference + ")");
        assertThat(org.dsrflow.testsupport.Mails.text(confirmation)).contains("to Nordic Bank AB at portability@bank.example");

        String link = scenario.bankLink();
        Http bank = new Http(port);
        Http.Response page = bank.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Example Group sends you this data", reference, "not as an upload into your systems")
                .doesNotContain(AnswerPackageScenario.NAME, address);
        assertThat(jdbc.sql("select downloads from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Integer.class).single()).as("opening the link counts nothing").isZero();
        Http.Binary zip = AnswerPackageScenario.bankDownloads(bank, link);
        assertThat(zip.status()).as(zip.text()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zip.header("Content-Disposition")).startsWith("attachment;");
        assertThat(zip.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(zip.header("Cache-Control")).contains("no-store");
        AnswerPackageScenario.assertStructuredPackage(reference, AnswerPackageScenario.unzip(zip.body()));
        assertThat(AnswerPackageScenario.bankDownloads(bank, link).status()).as("again in the same browser").isEqualTo(200);
        assertThat(jdbc.sql("select downloads from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Integer.class).single()).isEqualTo(2);

        Http privacy = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response casePage = privacy.get("/staff/requests/" + reference);
        assertThat(casePage.body()).contains("id=\"transmissions\"", "Nordic Bank AB", "portability@bank.example", "yes, 2 times");

        // dsr.transfers.max-downloads (5): three more, then 429 and nothing more counted.
        for (int i = 2; i < 5; i++) {
            assertThat(AnswerPackageScenario.bankDownloads(bank, link).status()).isEqualTo(200);
        }
        Http.Binary tooMany = AnswerPackageScenario.bankDownloads(bank, link);
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.text()).contains("id=\"transfer-limit\"", "5 times").doesNotContain("PK\u0003\u0004");
        assertThat(jdbc.sql("select downloads from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Integer.class).single()).isEqualTo(5);

        Http elsewhere = new Http(port);
        Http.Binary forwarded = AnswerPackageScenario.bankDownloads(elsewhere, link);
        assertThat(forwarded.status()).isEqualTo(410);
        assertThat(forwarded.text()).contains("id=\"transfer-used\"").doesNotContain("PK\u0003\u0004");

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(java.time.Duration.ofDays(15))));
        Http.Binary expired = AnswerPackageScenario.bankDownloads(bank, link);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.text()).contains("id=\"transfer-expired\"");
        assertThat(bank.get("/transfer?token=" + "x".repeat(43)).status()).isEqualTo(404);
    }

    /**
     * Sending data away needs the one-time code (403 without it, whatever dsr.response.download-code says), a valid name and
     * address (400 naming the field, nothing stored or sent), and at most dsr.transfers.max-per-request (3) organisations
     * (then 429 with a page that says so).
     */
    @Test
    void aTransferNeedsTheCodeAValidAddressAndStaysWithinTheLimit() {
        String address = org.dsrflow.testsupport.Requests.newAddress("lars");
        String reference = scenario.portabilityAnswered(address);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = scenario.landing(reference);
        String token = Links.token(landing);
        int mails = greenMail.getReceivedMessages().length;

        Http.Response withoutCode = http.postForm("/download/transfer", Map.of("token", token, "organisation", "Nordic Bank AB",
                "address", "portability@bank.example", "_csrf", Http.csrf(http.get(landing).body())));
        assertThat(withoutCode.status()).isEqualTo(403);
        assertThat(withoutCode.body()).contains("id=\"download-code\"", "id=\"transfer-code-needed\"");
        assertThat(greenMail.getReceivedMessages()).hasSize(mails);

        assertThat(scenario.sendToTheBank(http, landing, address).status()).isEqualTo(200);
        mails = greenMail.getReceivedMessages().length;
        String csrf = Http.csrf(http.get(landing).body());
        for (Map.Entry<String, String[]> bad : Map.of(
                "address", new String[] {"Nordic Bank AB", "not an address"},
                "address ", new String[] {"Nordic Bank AB", "Bank <portability@bank.example>"},
                "organisation", new String[] {" ", "portability@bank.example"}).entrySet()) {
            Http.Response refused = http.postForm("/download/transfer", Map.of("token", token, "organisation", bad.getValue()[0],
                    "address", bad.getValue()[1], "_csrf", csrf));
            assertThat(refused.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"transfer-problems\"", "id=\"transfer-form\"");
            assertThat(refused.body()).contains(bad.getKey().strip().equals("address") ? "Enter one email address"
                    : "Enter the name of the organisation.");
        }
        assertThat(jdbc.sql("select count(*) from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Long.class).single()).as("only the one sent").isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(mails);

        for (String second : java.util.List.of("second@bank.example", "third@bank.example")) {
            assertThat(http.postForm("/download/transfer", Map.of("token", token, "organisation", "Another Bank", "address", second,
                    "_csrf", csrf)).status()).isEqualTo(200);
        }
        Http.Response limit = http.postForm("/download/transfer", Map.of("token", token, "organisation", "Fourth Bank",
                "address", "fourth@bank.example", "_csrf", csrf));
        assertThat(limit.status()).isEqualTo(429);
        assertThat(limit.body()).contains("id=\"transfer-limit\"", "at most 3 organisations");
        assertThat(org.dsrflow.testsupport.Mails.countTo(greenMail, "fourth@bank.example")).isZero();
        assertThat(http.get(landing).body()).contains("id=\"transfer-limit-reached\"").doesNotContain("id=\"transfer-form\"");
    }

    /** An access answer is not portable: its download page has no transfer form, and a transfer posted anyway is a 409. */
    /** The organisation's email cannot be sent (the mail server is down): a 503 saying so, nothing kept, nothing counted. */
    @Test
    void aTransferWhoseEmailCannotBeSentIsTakenBackAndDoesNotCount() {
        String address = org.dsrflow.testsupport.Requests.newAddress("smtp-down");
        String reference = scenario.portabilityAnswered(address);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = scenario.landing(reference);

        Http.Response down = scenario.sendToTheBank(http, landing, address, greenMail::stop);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("id=\"transfer-not-sent\"", "nothing was sent and it does not count");
        assertThat(jdbc.sql("select count(*) from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from dsr_token where request_id = :id and purpose = 'TRANSMISSION'").param("id", requestId)
                .query(Long.class).single()).isZero();
        greenMail.start();
    }

    @Test
    void anAccessAnswerHasNoTransferAndItsPostIsRefused() {
        String reference = scenario.answered();
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = scenario.landing(reference);
        Http.Response page = http.get(landing);
        assertThat(page.body()).contains("id=\"package-link\"").doesNotContain("id=\"transfer\"", "transfer-form");

        Http.Response refused = http.postForm("/download/transfer", Map.of("token", Links.token(landing), "organisation",
                "Nordic Bank AB", "address", "portability@bank.example", "_csrf", Http.csrf(page.body())));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"no-transfer\"");
        assertThat(jdbc.sql("select count(*) from dsr_transmission where request_id = :id").param("id", requestId)
                .query(Long.class).single()).isZero();
        assertThat(org.dsrflow.testsupport.Mails.countTo(greenMail, "portability@bank.example")).isZero();
    }
}
