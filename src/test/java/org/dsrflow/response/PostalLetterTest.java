package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.retention.RetentionService;
import org.dsrflow.testsupport.AnswerPackageScenario;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request registered from a letter, without an email address (issue 24): its answer is written as a printable PDF
 * letter (the person's name and postal address, the answer's text in their language, the report after it), the
 * privacy team downloads it and the package from its task's letter page, posts it and records the day; only then is
 * the request answered. Retention erases the letter's content and the postal address.
 */
@SmtpIntegrationTest
class PostalLetterTest extends WithGreenMail {

    static final String NAME = "Åsa Ørsted";
    static final String ADDRESS = "Storgatan 1\n111 22 Stockholm";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    RequestRepository requests;
    @Autowired
    ReviewedFiles reviewed;
    @Autowired
    Letters letters;
    @Autowired
    RetentionService retention;
    @Autowired
    JdbcClient jdbc;

    Http http;
    DepartmentWork work;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(identity);
        http = new Http(port);
        work = new DepartmentWork(tasks, management);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-20T09:00:00Z")));
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void anAnswerByPostIsAPrintableLetterWithTheReportAndThePackageAndTheRequestIsAnsweredOnceThePostingDayIsRecorded() throws IOException {
        String reference = register("ACCESS", "[\"digital\", \"communication\"]");
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        String photo = uploadPhoto(reference);
        work.completeAllFound(reference, "Kontakt: " + NAME);
        reviewed.include(request.id(), photo, "testprivacy");
        work.approve(reference);

        // Nothing went to the person by email (there is no address), and no staff email names them.
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            assertThat(Mails.text(message)).doesNotContain(NAME, "Storgatan");
        }
        Task post = postTask(reference, Elements.USER_POST_ANSWER);
        assertThat(tasks.getIdentityLinksForTask(post.getId())).anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("privacy"));
        assertThat(requests.findByReference(reference).orElseThrow().status().name()).isNotEqualTo("ANSWERED");

        Http privacy = WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response page = privacy.get("/staff/requests/" + reference + "/letter");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains(NAME, "Storgatan 1", "not yet posted", "/letter/package.zip");
        Letters.Letter letter = letters.of(request.id()).get(0);
        assertThat(letter.kind()).isEqualTo("RESPONSE");

        Http.Binary pdf = privacy.getBytes("/staff/requests/" + reference + "/letter/" + letter.id() + ".pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("attachment;").contains(reference);
        assertThat(pdf.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(pdf.header("Cache-Control")).contains("no-store");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            // The letter: where a window envelope shows it, the name and address; the answer in Swedish; then the report.
            assertThat(text).contains(NAME, "Storgatan 1", "111 22 Stockholm", reference, "Din rapport bifogas detta brev",
                    "Kontakt: " + NAME);
            assertThat(text.indexOf("Storgatan 1")).isLessThan(text.indexOf("Din rapport bifogas"));
            assertThat(document.getNumberOfPages()).isEqualTo(letter.pages()).isGreaterThan(1);
            // For a person to look at: the letter's first page and the report's first page, as printed.
            java.nio.file.Path shots = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(document);
            javax.imageio.ImageIO.write(renderer.renderImageWithDPI(0, 80), "png", shots.resolve("postal-letter-1.png").toFile());
            javax.imageio.ImageIO.write(renderer.renderImageWithDPI(1, 80), "png", shots.resolve("postal-letter-2.png").toFile());
        }

        Http.Binary zip = privacy.getBytes("/staff/requests/" + reference + "/letter/package.zip");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Disposition")).startsWith("attachment;");
        Map<String, byte[]> entries = AnswerPackageScenario.unzip(zip.body());
        assertThat(entries.keySet()).contains(reference + "-access-report.pdf", reference + "-personal-data.json",
                "files/digital/photo.png", "manifest.csv");
        assertThat(entries.get("files/digital/photo.png")).isEqualTo(AnswerPackageScenario.PNG);

        // Departments and managers do not see the letter page nor the letter.
        assertThat(WebappSessions.logIn(port, "sales", "tasklist").get("/staff/requests/" + reference + "/letter").status())
                .isEqualTo(403);
        assertThat(WebappSessions.logIn(port, "managers", "cockpit")
                .getBytes("/staff/requests/" + reference + "/letter/" + letter.id() + ".pdf").status()).isEqualTo(403);

        // The day posted, as Tasklist submits it: not in the future, not before the letter was written.
        Http.Response future = submit(post, "2026-04-21");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("not in the future nor before it was written");
        assertThat(submit(post, "2026-04-19").status()).isEqualTo(400);
        assertThat(submit(post, null).status()).isEqualTo(400);
        assertThat(letters.of(request.id()).get(0).postedOn()).isNull();
        Http.Response posted = submit(post, "2026-04-20");
        assertThat(posted.status()).as(posted.body()).isEqualTo(204);
        Jobs.executeDue(management);

        Letters.Letter recorded = letters.of(request.id()).get(0);
        assertThat(recorded.postedOn()).hasToString("2026-04-20");
        assertThat(recorded.postedBy()).isEqualTo(TestUsers.of("privacy"));
        assertThat(requests.findByReference(reference).orElseThrow().status().name()).isEqualTo("ANSWERED");
        assertThat(privacy.get("/staff/requests/" + reference + "/letter").body()).contains("2026-04-20 by " + TestUsers.of("privacy"));
        assertThat(privacy.get("/staff/requests/" + reference).body()).contains("posted on 2026-04-20");

        // Retention: the letter's content and the postal address go with the request's other personal data.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T09:00:00Z")));
        retention.apply();
        assertThat(jdbc.sql("select count(*) from dsr_letter where request_id = :id and content is not null")
                .param("id", request.id()).query(Integer.class).single()).isZero();
        assertThat(requests.findByReference(reference).orElseThrow().postalAddress()).isNull();
        assertThat(letters.of(request.id()).get(0).postedOn()).hasToString("2026-04-20");
    }

    @Test
    void aRefusalByPostIsALetterWithTheReasonsAndNoReport() throws IOException {
        String reference = register("ACCESS", "[\"digital\"]");
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        work.tasks(reference).forEach(task -> work.complete(task, Map.of("found", "no")));
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        tasks.complete(review.getId(), Map.of("reviewDecision", "refuse", "refusalReason", "unfounded",
                "reviewComment", "Det är <b>samma</b> begäran som i går."));
        Jobs.executeDue(management);

        Task post = postTask(reference, Elements.USER_POST_REFUSAL);
        Letters.Letter letter = letters.of(request.id()).get(0);
        assertThat(letter.kind()).isEqualTo("REFUSAL");
        Http.Binary pdf = WebappSessions.logIn(port, "privacy", "tasklist")
                .getBytes("/staff/requests/" + reference + "/letter/" + letter.id() + ".pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            // The reasons as written, escaped (the markup is text), and the person's right to complain.
            assertThat(text).contains(NAME, "Storgatan 1", reference, "Det är <b>samma</b> begäran som i går.", "Integritetsskyddsmyndigheten");
            assertThat(text).doesNotContain("Kontakt:");
        }
        assertThat(submit(post, "2026-04-20").status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(requests.findByReference(reference).orElseThrow().status().name()).isEqualTo("REFUSED");
    }

    private String register(String type, String categories) {
        Http.Response registered = http.postJson("/api/staff/requests", """
                {"type": "%s", "name": "%s", "postalAddress": "Storgatan 1\\n111 22 Stockholm", "site": "SE", "language": "sv",
                 "categories": %s, "receivedOn": "2026-04-14", "channel": "POST", "identityCheck": "KNOWLEDGE"}"""
                .formatted(type, NAME, categories), "Authorization", TestUsers.auth("privacy"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Jobs.executeDue(management);
        return registered.json().get("reference").asText();
    }

    private String uploadPhoto(String reference) {
        Task task = work.task(reference, "marketing");
        Http.Response response = http.postMultipart("/api/staff/tasks/" + task.getId() + "/files", Map.of("category", "digital"),
                "file", "photo.png", AnswerPackageScenario.PNG, "Authorization", TestUsers.auth("marketing"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private Task postTask(String reference, String key) {
        List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).list();
        assertThat(found).as("the task " + key).hasSize(1);
        return found.get(0);
    }

    private Http.Response submit(Task task, String postedOn) {
        String variables = postedOn == null ? "{}" : "{\"postedOn\": {\"value\": \"" + postedOn + "\"}}";
        return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", "{\"variables\": " + variables + "}",
                "Authorization", TestUsers.auth("privacy"));
    }
}
