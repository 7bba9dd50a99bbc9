package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.testsupport.AnswerPackageScenario;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.dsrflow.verification.TokenService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code dsr.response.delivery: ATTACHMENT}: the answer email carries the report as HTML and PDF and the JSON export,
 * unless the answer needs the download page — a one-time code (special-category data, or every answer by setting) or
 * the departments' files — which then goes by link whatever the setting. The answer email is prepared by the
 * application's own collaborators, with the delivery setting changed for this test only.
 */
@SmtpIntegrationTest
class AnswerAttachmentsTest extends WithGreenMail {

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
    AnswerBuilder answers;
    @Autowired
    DocumentService documents;
    @Autowired
    DeadlineService deadlines;
    @Autowired
    TokenService tokens;
    @Autowired
    PublicLinks links;
    @Autowired
    Register register;
    @Autowired
    DsrProperties properties;
    @Autowired
    JdbcClient jdbc;

    Http http;
    DepartmentWork work;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity);
        http = new Http(port);
        work = new DepartmentWork(tasks, management);
    }

    @Test
    void anAnswerWithoutFilesOrSpecialCategoriesCarriesTheReportAsHtmlAndPdfAndTheJsonAsAttachments() throws IOException {
        DsrRequest request = atReview(List.of("digital"), false);

        PreparedEmail email = prepare(request, DsrProperties.Response.DownloadCode.SPECIAL_CATEGORIES);

        String ref = request.reference();
        assertThat(email.attachments()).extracting(PreparedEmail.Attachment::fileName)
                .containsExactly(ref + "-access-report.html", ref + "-access-report.pdf", ref + "-personal-data.json");
        assertThat(email.value("reportUrl")).isNull();
        byte[] pdf = email.attachments().get(1).content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(ref, "Kontakt: " + AnswerPackageScenario.NAME);
        }
        assertThat(new String(email.attachments().get(0).content(), StandardCharsets.UTF_8)).contains(ref);
        assertThat(email.attachments().get(1).contentType()).isEqualTo("application/pdf");
    }

    @Test
    void anAnswerWithFilesOrThatMustAskForACodeGoesByLinkWhateverTheSetting() {
        DsrRequest withFile = atReview(List.of("digital"), true);
        PreparedEmail files = prepare(withFile, DsrProperties.Response.DownloadCode.SPECIAL_CATEGORIES);
        assertThat(files.attachments()).isEmpty();
        assertThat(String.valueOf(files.value("reportUrl"))).contains("/download?token=");

        DsrRequest plain = atReview(List.of("digital"), false);
        PreparedEmail codeForAll = prepare(plain, DsrProperties.Response.DownloadCode.ALL);
        assertThat(codeForAll.attachments()).isEmpty();
        assertThat(String.valueOf(codeForAll.value("reportUrl"))).contains("/download?token=");

        DsrRequest health = atReview(List.of("health"), false);
        PreparedEmail special = prepare(health, DsrProperties.Response.DownloadCode.SPECIAL_CATEGORIES);
        assertThat(special.attachments()).isEmpty();
        assertThat(String.valueOf(special.value("reportUrl"))).contains("/download?token=");
    }

    /** The answer email as {@link AnswerEmail} prepares it with {@code delivery: ATTACHMENT} and this code setting. */
    private PreparedEmail prepare(DsrRequest request, DsrProperties.Response.DownloadCode code) {
        DsrProperties.Response response = properties.response();
        DsrProperties attaching = new DsrProperties(properties.publicBaseUrl(), properties.admin(), properties.demo(),
                properties.mail(), properties.confirmation(), properties.deadlines(), properties.notifications(),
                new DsrProperties.Response(DsrProperties.Response.Delivery.ATTACHMENT, response.linkValidity(),
                        response.linkResends(), code, response.maxDownloads(), response.renewalGrace()),
                properties.rateLimits(), properties.retention(), properties.repeatRequests(), properties.fees(),
                properties.devMailbox(), properties.organisation());
        AnswerEmail answerEmail = new AnswerEmail(answers, documents, deadlines, tokens, links, register, attaching);
        PreparedEmail email = new PreparedEmail(EmailKind.RESPONSE, new HashMap<>(), Locale.forLanguageTag("sv"));
        answerEmail.prepare(jdbc, request, new EmailContext(null, "approve", null, null, true), email);
        return email;
    }

    /** An access request whose departments found data (one attached a photo, included by the review, when {@code file}). */
    private DsrRequest atReview(List<String> categories, boolean file) {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", AnswerPackageScenario.NAME,
                Requests.newAddress("attach"), "SE", "sv", categories, null));
        Task check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(org.dsrflow.process.DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
        if (check != null) {
            assertThat(http.postJson("/engine-rest/task/" + check.getId() + "/submit-form", """
                    {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "VERIFIED"}}}""",
                    "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
            Jobs.executeDue(management);
        }
        long requestId = requests.findByReference(reference).orElseThrow().id();
        if (file) {
            Task marketing = work.task(reference, "marketing");
            Http.Response uploaded = http.postMultipart("/api/staff/tasks/" + marketing.getId() + "/files", Map.of("category", "digital"),
                    "file", "photo.png", AnswerPackageScenario.PNG, "Authorization", TestUsers.auth("marketing"));
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            reviewed.include(requestId, uploaded.json().get("id").asText(), "testprivacy");
        }
        work.completeAllFound(reference, "Kontakt: " + AnswerPackageScenario.NAME);
        return requests.findByReference(reference).orElseThrow();
    }
}
