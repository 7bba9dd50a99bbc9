package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Departments attach files to their answer through the staff API (issue 24): stored encrypted in the application's
 * table, never in the engine's; only the department working the task, only while it is open; bad files get a 4xx
 * saying why and nothing is stored.
 */
@SmtpIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class DepartmentFilesTest extends WithGreenMail {

    static final byte[] PNG = bytes(new int[] {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89}, "MARKER-PNG-7f3a");
    static final byte[] EML = ("From: Shop <shop@example.org>\r\nTo: person@example.com\r\nSubject: Your order\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0100\r\nMessage-ID: <1@example.org>\r\n\r\nMARKER-EML-51c2 Thank you.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

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
    JdbcClient jdbc;
    @Autowired
    ReviewedFiles reviewed;

    Http http;
    DepartmentWork work;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity);
        http = new Http(port);
        work = new DepartmentWork(tasks, management);
    }

    @Test
    void aDepartmentAttachesAPngAndAnEmailStoredEncryptedAndNowhereInTheEngine(
            org.springframework.boot.test.system.CapturedOutput output) {
        Task task = marketingTask();
        Http.Response png = upload(task, "marketing", "digital", "photo.png", PNG);
        assertThat(png.status()).as(png.body()).isEqualTo(201);
        assertThat(png.json().get("type").asText()).isEqualTo("image/png");
        assertThat(png.json().get("sha256").asText()).isEqualTo(sha256(PNG));
        assertThat(png.json().get("size").asLong()).isEqualTo(PNG.length);
        Http.Response eml = upload(task, "marketing", "digital", "order.eml", EML);
        assertThat(eml.status()).as(eml.body()).isEqualTo(201);
        assertThat(eml.json().get("type").asText()).isEqualTo("message/rfc822");

        Http.Response list = http.get(path(task), "Authorization", TestUsers.auth("marketing"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).containsExactly("photo.png", "order.eml");
        assertThat(list.body()).doesNotContain("MARKER");

        byte[] stored = jdbc.sql("select content from dsr_department_file where id = :id").param("id", png.json().get("id").asText())
                .query((rs, row) -> rs.getBytes(1)).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-PNG-7f3a");
        assertThat(decrypt(png.json().get("id").asText())).isEqualTo(PNG);
        assertThat(decrypt(eml.json().get("id").asText())).isEqualTo(EML);
        for (String marker : List.of("MARKER-PNG-7f3a", "MARKER-EML-51c2", "photo.png", "order.eml")) {
            assertThat(engineRowsContaining(marker)).as(marker).isZero();
            assertThat(output.getAll()).as("the log").doesNotContain(marker);
        }
        assertThat(output.getAll()).contains("File " + png.json().get("id").asText() + " attached");
    }

    @Test
    void anotherDepartmentIsRefusedAsForAnUnknownTaskAndNothingIsStoredButThePrivacyTeamMayList() {
        Task task = marketingTask();
        assertThat(upload(task, "webdigital", "digital", "photo.png", PNG).status()).isEqualTo(404);
        assertThat(upload(task, "sales", "digital", "photo.png", PNG).status()).isEqualTo(404);
        assertThat(upload(task, "privacy", "digital", "photo.png", PNG).status()).isEqualTo(404);
        assertThat(http.get(path(task), "Authorization", TestUsers.auth("sales")).status()).isEqualTo(404);
        assertThat(http.get(path(task), "Authorization", TestUsers.auth("managers")).status()).isEqualTo(404);
        assertThat(storedFor(task)).isZero();
        assertThat(upload(task, "marketing", "digital", "photo.png", PNG).status()).isEqualTo(201);
        Http.Response privacy = http.get(path(task), "Authorization", TestUsers.auth("privacy"));
        assertThat(privacy.status()).isEqualTo(200);
        assertThat(privacy.json().findValuesAsText("name")).containsExactly("photo.png");
        assertThat(http.get(path(task)).status()).isEqualTo(401);
    }

    @Test
    void anExecutableNamedPdfIsRefusedWith415NamingItsTypeAndNothingIsStored() {
        Task task = marketingTask();
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        Http.Response response = upload(task, "marketing", "digital", "report.pdf", exe);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("application/x-msdownload");
        byte[] elf = "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(upload(task, "marketing", "digital", "report.pdf", elf).status()).isEqualTo(415);
        assertThat(upload(task, "marketing", "digital", "page.html", "<html><body>hi</body></html>".getBytes()).status()).isEqualTo(415);
        assertThat(storedFor(task)).isZero();
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndSoIsOneOverTheRequestsTotal() {
        Task task = marketingTask();
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        Http.Response response = upload(task, "marketing", "digital", "big.txt", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("25 MB");
        assertThat(storedFor(task)).isZero();

        // The request's files already hold nearly 250 MB together.
        long requestId = jdbc.sql("select request_id from dsr_department_task where task_id = :id").param("id", task.getId())
                .query(Long.class).single();
        jdbc.sql("""
                insert into dsr_department_file (id, request_id, task_id, department, category, name, media_type, size_bytes, sha256,
                    content, uploaded_by, uploaded_at) values ('earlier', :requestId, 'another-task', 'webdigital', 'digital', 'x.txt',
                    'text/plain', :size, 'x', :content, 'testwebdigital', current_timestamp)""")
                .param("requestId", requestId).param("size", 250L * 1024 * 1024 - 10).param("content", new byte[] {1}).update();
        Http.Response total = upload(task, "marketing", "digital", "photo.png", PNG);
        assertThat(total.status()).isEqualTo(413);
        assertThat(total.body()).contains("250 MB");
        assertThat(storedFor(task)).isZero();
    }

    @Test
    void anEmptyFileOrAnotherCategoryIsA400AndAPathInTheNameKeepsOnlyTheBaseName() {
        Task task = marketingTask();
        Http.Response empty = upload(task, "marketing", "digital", "empty.png", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("empty");
        Http.Response category = upload(task, "marketing", "health", "photo.png", PNG);
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.body()).contains("health");
        assertThat(storedFor(task)).isZero();
        assertThat(upload(task, "marketing", "digital", "../../x.png", PNG).json().get("name").asText()).isEqualTo("x.png");
        assertThat(upload(task, "marketing", "digital", "..\\..\\etc\\passwd", "root:x:0:0".getBytes()).json().get("name").asText())
                .isEqualTo("passwd");
        assertThat(upload(task, "marketing", "digital", "a\u0007b\u202Egnp.txt", "text".getBytes()).json().get("name").asText())
                .isEqualTo("abgnp.txt");
    }

    @Test
    void aZipBombOrAZipWithAPathOutsideIsRefusedAndNothingIsStored() throws IOException {
        Task task = marketingTask();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            for (int i = 0; i < 12; i++) {
                zip.putNextEntry(new ZipEntry("zeros" + i + ".txt"));
                byte[] zeros = new byte[1024 * 1024];
                for (int mb = 0; mb < 24; mb++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(2 * 1024 * 1024);
        Http.Response refused = upload(task, "marketing", "digital", "export.zip", bomb.toByteArray());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("expands to more than 250 MB");

        Http.Response evil = upload(task, "marketing", "digital", "export.zip", zip(Map.of("../evil.txt", "hello".getBytes())));
        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.body()).contains("'..'");
        Http.Response nested = upload(task, "marketing", "digital", "export.zip",
                zip(Map.of("inner.zip", zip(Map.of("a.txt", "a".getBytes())))));
        assertThat(nested.status()).isEqualTo(415);
        Http.Response exeInside = upload(task, "marketing", "digital", "export.zip", zip(Map.of("tool.pdf", new byte[] {'M', 'Z', 0, 0, 0, 0})));
        assertThat(exeInside.status()).isEqualTo(415);
        assertThat(storedFor(task)).isZero();

        Http.Response fine = upload(task, "marketing", "digital", "export.zip", zip(Map.of("photo.png", PNG, "mail.eml", EML)));
        assertThat(fine.status()).as(fine.body()).isEqualTo(201);
        assertThat(fine.json().get("type").asText()).isEqualTo("application/zip");
    }

    @Test
    void anOfficeDocumentIsRecognisedFromItsContentAndCheckedLikeAnArchive() {
        Task task = marketingTask();
        java.util.LinkedHashMap<String, byte[]> docx = new java.util.LinkedHashMap<>();
        docx.put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
        docx.put("word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
        Http.Response document = upload(task, "marketing", "digital", "letter.bin", zip(docx));
        assertThat(document.status()).as(document.body()).isEqualTo(201);
        assertThat(document.json().get("type").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        docx.put("../../word/evil.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
        Http.Response evil = upload(task, "marketing", "digital", "letter.docx", zip(docx));
        assertThat(evil.status()).isEqualTo(400);
        assertThat(storedFor(task)).isEqualTo(1);
    }

    @Test
    void aFileIsRemovedWhileTheTaskIsOpenAndACompletedTaskAnswers409() {
        Task task = marketingTask();
        String id = upload(task, "marketing", "digital", "photo.png", PNG).json().get("id").asText();
        assertThat(http.delete(path(task) + "/" + id, "Authorization", TestUsers.auth("webdigital")).status()).isEqualTo(404);
        assertThat(http.delete(path(task) + "/" + id, "Authorization", TestUsers.auth("marketing")).status()).isEqualTo(204);
        assertThat(storedFor(task)).isZero();
        String kept = upload(task, "marketing", "digital", "photo.png", PNG).json().get("id").asText();

        // Files and an answer that says nothing was found would tell the requester two things: refused, the task stays open.
        assertThatThrownBy(() -> work.complete(task, Map.of("found", "no")))
                .hasMessageContaining("you attached files: answer that you found data and describe it, or remove the files");
        work.complete(task, Map.of("found", "yes", "digital", Map.of("data", "A photo from the fair")));
        Http.Response late = upload(task, "marketing", "digital", "photo.png", PNG);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("completed");
        assertThat(http.delete(path(task) + "/" + kept, "Authorization", TestUsers.auth("marketing")).status()).isEqualTo(409);
        assertThat(upload(task, "webdigital", "digital", "photo.png", PNG).status()).isEqualTo(404);
        assertThat(storedFor(task)).isEqualTo(1);
    }

    @Test
    void aCrossSiteUploadIsRefusedAndMultipartIsRefusedElsewhere() {
        Task task = marketingTask();
        Http.Response crossSite = http.postMultipart(path(task), Map.of("category", "digital"), "file", "photo.png", PNG,
                "Authorization", TestUsers.auth("marketing"), "Origin", "https://evil.example.net");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(http.postMultipart("/api/staff/requests", Map.of(), "file", "a.png", PNG, "Authorization",
                TestUsers.auth("privacy")).status()).isEqualTo(415);
        assertThat(http.postMultipart("/request", Map.of(), "file", "a.png", PNG).status()).isEqualTo(415);
        assertThat(storedFor(task)).isZero();
    }

    @Test
    void thePrivacyTeamDecidesOnEveryFileBeforeApprovingAndTheReportSaysWhatWasWithheldOrRedactedAndWhy() {
        String reference = freshAccessRequest();
        Task task = work.task(reference, "marketing");
        String png = upload(task, "marketing", "digital", "photo.png", PNG).json().get("id").asText();
        String eml = upload(task, "marketing", "digital", "complaint-about-bob.eml", EML).json().get("id").asText();
        String txt = upload(task, "marketing", "digital", "chat.txt", "Anna: MARKER-TXT-9d1e hello Bob".getBytes(StandardCharsets.UTF_8))
                .json().get("id").asText();
        for (Task open : work.tasks(reference)) {
            work.complete(open, Map.of("found", "yes", "digital", Map.of("data", "Photos and chat of " + work.department(open))));
        }
        Http privacy = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "tasklist");
        String path = "/staff/requests/" + reference + "/files";
        Http.Response page = privacy.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("photo.png", "complaint-about-bob.eml", "chat.txt", "3 of 3 files still wait for your decision")
                .doesNotContain("MARKER");

        // Approving with files undecided is refused (as the privacy team completes the task: Tasklist's REST call), naming
        // what to do; the answer waits.
        String review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(org.dsrflow.process.DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult().getId();
        Http.Response approve = http.postJson("/engine-rest/task/" + review + "/complete",
                "{\"variables\": {\"reviewDecision\": {\"value\": \"approve\"}}}", "Authorization", TestUsers.auth("privacy"));
        assertThat(approve.status()).as(approve.body()).isEqualTo(400);
        assertThat(approve.body()).contains("decide on each department file first (3 undecided)");

        // An exclusion needs the reason the requester is shown; refused without one, and nothing is decided.
        Http.Response noReason = privacy.postForm(path + "/" + eml + "/decision", Map.of("decision", "EXCLUDE", "reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("Say why the file is withheld");
        assertThat(decision(eml)).isNull();

        assertThat(privacy.postForm(path + "/" + png + "/decision", Map.of("decision", "INCLUDE")).status()).isEqualTo(303);
        assertThat(privacy.postForm(path + "/" + eml + "/decision", Map.of("decision", "EXCLUDE",
                "reason", "It is a complaint by another customer about you and mostly about them.")).status()).isEqualTo(303);
        byte[] redacted = "Anna: hello [removed]".getBytes(StandardCharsets.UTF_8);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        reviewed.replace(requestId, txt, "We removed the other participant's messages.", "chat-redacted.txt", redacted, "privacy1");
        Http.Response decided = privacy.get(path);
        assertThat(decided.body()).contains("All 3 files are decided", "Included", "Excluded", "chat-redacted.txt",
                "It is a complaint by another customer");
        assertThat(reviewed.toHandOver(requestId)).extracting(ReviewedFiles.HandedFile::name).containsExactly("photo.png", "chat-redacted.txt");
        assertThat(reviewed.content(requestId, reviewed.toHandOver(requestId).get(1).id())).isEqualTo(redacted);

        work.approve(reference);
        String report = jdbc.sql("select content from dsr_document where request_id = :id and kind = 'html'").param("id", requestId)
                .query(String.class).single();
        assertThat(report).contains("photo.png", "chat-redacted.txt", "We removed the other participant", "It is a complaint by another customer")
                .doesNotContain("complaint-about-bob.eml");
        // Once the answer is sent, the decisions stay as they were.
        Http.Response late = privacy.postForm(path + "/" + eml + "/decision", Map.of("decision", "INCLUDE"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(decision(eml)).isEqualTo("EXCLUDE");
    }

    @Test
    void onlyThePrivacyTeamSeesTheReviewPageAndItsPreviewsAreServedSoNothingRunsInTheBrowser() {
        String reference = freshAccessRequest();
        Task task = work.task(reference, "marketing");
        String png = upload(task, "marketing", "digital", "photo.png", PNG).json().get("id").asText();
        String eml = upload(task, "marketing", "digital", "order.eml", EML).json().get("id").asText();
        String path = "/staff/requests/" + reference + "/files";
        Http marketing = org.dsrflow.testsupport.WebappSessions.logIn(port, "marketing", "tasklist");
        assertThat(marketing.get(path).status()).isEqualTo(403);
        assertThat(marketing.get(path + "/" + png + "/content").status()).isEqualTo(403);
        assertThat(marketing.postForm(path + "/" + png + "/decision", Map.of("decision", "INCLUDE")).status()).isEqualTo(403);
        assertThat(new Http(port).get(path).status()).isEqualTo(401);
        assertThat(decision(png)).isNull();

        Http privacy = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response image = privacy.get(path + "/" + png + "/content");
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.header("Content-Security-Policy")).contains("sandbox");
        assertThat(image.header("Cache-Control")).isEqualTo("no-store");
        Http.Response email = privacy.get(path + "/" + eml + "/content");
        assertThat(email.header("Content-Type")).startsWith("text/plain");
        assertThat(email.body()).contains("MARKER-EML-51c2");
        assertThat(privacy.get(path + "/" + java.util.UUID.randomUUID() + "/content").status()).isEqualTo(404);
        assertThat(privacy.postForm(path + "/" + png + "/decision", Map.of("decision", "MAYBE")).status()).isEqualTo(400);
        assertThat(privacy.get("/staff/requests/DSR-2026-999999/files").status()).isEqualTo(404);
    }

    @Test
    void theFilesPageAnswers404ToAnotherDepartmentAndSoDoesAnUploadToTheFirstDepartmentsTaskWithNothingStored() {
        Task task = marketingTask();
        String reference = reference(task);
        Http marketing = WebappSessions.logIn(port, "marketing", "tasklist");
        Http.Response own = marketing.get(page(reference));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("name=\"taskId\" value=\"" + task.getId() + "\"");

        Http sales = WebappSessions.logIn(port, "sales", "tasklist");
        Http.Response page = sales.get(page(reference));
        assertThat(page.status()).as("sales has no task of this request").isEqualTo(404);
        assertThat(page.body()).contains("You have no department task of request " + reference).doesNotContain(task.getId());
        assertThat(sales.get(page("DSR-2099-999999")).body()).as("an unknown request answers the same")
                .contains("You have no department task of request DSR-2099-999999");
        assertThat(sales.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "photo.png", PNG).status()).isEqualTo(404);
        assertThat(sales.postForm(page(reference) + "/any-id/remove", Map.of("taskId", task.getId())).status()).isEqualTo(404);

        // Web & Digital works on the same request, in a task of its own: it sees that one only and cannot use marketing's.
        Http webdigital = WebappSessions.logIn(port, "webdigital", "tasklist");
        Http.Response its = webdigital.get(page(reference));
        assertThat(its.status()).isEqualTo(200);
        assertThat(its.body()).contains("Web &amp; Digital: your open task").doesNotContain(task.getId());
        Http.Response upload = webdigital.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "photo.png", PNG);
        assertThat(upload.status()).isEqualTo(404);
        assertThat(upload.body()).contains("You have no department task");
        assertThat(storedFor(task)).isZero();
        assertThat(new Http(port).get(page(reference)).status()).as("no session").isEqualTo(401);
    }

    @Test
    void theFilesPageOfACompletedTaskListsItsFilesReadOnlyAndAnUploadAnswers409() {
        Task task = marketingTask();
        String reference = reference(task);
        Http marketing = WebappSessions.logIn(port, "marketing", "tasklist");
        Http.Response attached = marketing.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "photo.png", PNG);
        assertThat(attached.status()).as(attached.body()).isEqualTo(303);
        assertThat(attached.header("Location")).startsWith(page(reference) + "?attached=");
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        Http.Response refused = marketing.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "report.pdf", exe);
        assertThat(refused.status()).as("the page again, with the staff API's status").isEqualTo(415);
        assertThat(refused.body()).contains("Not attached: Files of type application/x-msdownload are not accepted.", "photo.png");
        work.complete(task, Map.of("found", "yes", "digital", Map.of("data", "A photo from the fair")));

        Http.Response page = marketing.get(page(reference));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("photo.png", "image/png", "your completed task (read-only)")
                .doesNotContain("enctype=\"multipart/form-data\"", "/remove");
        Http.Response late = marketing.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "order.eml", EML);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("is completed: files can be attached or removed only while the task is open");
        assertThat(storedFor(task)).isEqualTo(1);
    }

    @Test
    void aCrossSiteUploadToTheFilesPageIsRefusedAndMultipartIsAcceptedOnlyOnTheFilesPaths() {
        Task task = marketingTask();
        String reference = reference(task);
        Http marketing = WebappSessions.logIn(port, "marketing", "tasklist");
        Http.Response origin = marketing.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "photo.png", PNG, "Origin", "https://evil.example.net");
        assertThat(origin.status()).isEqualTo(403);
        assertThat(origin.body()).contains("came from another site");
        assertThat(marketing.postMultipart(page(reference), Map.of("taskId", task.getId(), "category", "digital"),
                "file", "photo.png", PNG, "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(marketing.postForm(page(reference) + "/any-id/remove", Map.of("taskId", task.getId()),
                "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(marketing.postMultipart("/staff/requests/" + reference, Map.of(), "file", "a.png", PNG).status()).isEqualTo(415);
        assertThat(marketing.postMultipart(page(reference) + "/any-id/remove", Map.of("taskId", task.getId()), "file", "a.png", PNG)
                .status()).isEqualTo(415);
        assertThat(storedFor(task)).isZero();

        assertThat(java.util.stream.Stream.of("/api/staff/tasks/42/files", "/staff/requests/DSR-2026-000001/department-files",
                "/staff/requests/DSR-2026-000001/files/f1/redacted")).allMatch(org.dsrflow.security.web.MultipartBodiesFilter::filesPath);
        assertThat(java.util.stream.Stream.of("/api/staff/tasks/42/files/f1", "/staff/requests/DSR-2026-000001/department-files/f1/remove",
                "/staff/requests/DSR-2026-000001/files/f1", "/staff/requests/DSR-2026-000001", "/request", "/api/staff/requests",
                "/staff/requests/a/b/department-files")).noneMatch(org.dsrflow.security.web.MultipartBodiesFilter::filesPath);
    }

    private String reference(Task task) {
        return requests.findById(jdbc.sql("select request_id from dsr_department_task where task_id = :id").param("id", task.getId())
                .query(Long.class).single()).orElseThrow().reference();
    }

    private static String page(String reference) {
        return "/staff/requests/" + reference + "/department-files";
    }

    @Test
    void filesAreRefusedWithA409WhereTheAnswerHandsNoDataOverAsForAnErasure() {
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ERASURE", "Test Person",
                Requests.newAddress("files"), "SE", "en", List.of("digital"), null));
        Task task = work.task(reference, "marketing");
        Http.Response refused = upload(task, "marketing", "digital", "photo.png", PNG);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("access or portability request only", "erasure request");
        assertThat(storedFor(task)).isZero();
    }

    /** An access request for the digital category by an address of its own (a second one would be a repeat for triage). */
    private String freshAccessRequest() {
        return Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ACCESS", "Test Person",
                Requests.newAddress("files"), "SE", "en", List.of("digital"), null));
    }

    private Task marketingTask() {
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("digital"));
        return work.task(reference, "marketing");
    }

    private Http.Response upload(Task task, String group, String category, String name, byte[] content) {
        return http.postMultipart(path(task), Map.of("category", category), "file", name, content,
                "Authorization", TestUsers.auth(group));
    }

    private static String path(Task task) {
        return "/api/staff/tasks/" + task.getId() + "/files";
    }

    private String decision(String id) {
        return jdbc.sql("select decision from dsr_department_file where id = :id").param("id", id).query((rs, row) -> rs.getString(1)).list().get(0);
    }

    private long storedFor(Task task) {
        return jdbc.sql("select count(*) from dsr_department_file where task_id = :id").param("id", task.getId())
                .query(Long.class).single();
    }

    /** Rows of the engine's variable, history and byte-array tables whose text or bytes contain the marker. */
    private long engineRowsContaining(String marker) {
        long rows = 0;
        for (String sql : List.of("select text_ || ' ' || coalesce(text2_, '') from act_ru_variable",
                "select coalesce(text_, '') || ' ' || coalesce(text2_, '') from act_hi_varinst",
                "select coalesce(text_, '') || ' ' || coalesce(text2_, '') from act_hi_detail")) {
            rows += jdbc.sql(sql).query(String.class).list().stream().filter(text -> text != null && text.contains(marker)).count();
        }
        rows += jdbc.sql("select bytes_ from act_ge_bytearray").query((rs, row) -> rs.getBytes(1)).list().stream()
                .filter(bytes -> bytes != null && new String(bytes, StandardCharsets.ISO_8859_1).contains(marker)).count();
        return rows;
    }

    /** The stored content opened with the tests' key: AES-256-GCM, a 12-byte nonce first, the file's id as associated data. */
    private byte[] decrypt(String id) {
        byte[] stored = jdbc.sql("select content from dsr_department_file where id = :id").param("id", id)
                .query((rs, row) -> rs.getBytes(1)).single();
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder()
                    .decode(TEST_KEY), "AES"), new javax.crypto.spec.GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, 12, stored.length - 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("the stored content does not decrypt with the tests' key", e);
        }
    }

    /** application-it.yaml's dsr.files.encryption-key. */
    private static final String TEST_KEY = "dGVzdC1vbmx5LWZpbGVzLWtleS1vZi0zMi1ieXRlcyE=";

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int[] head, String tail) {
        byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tailBytes.length];
        for (int i = 0; i < head.length; i++) {
            all[i] = (byte) head[i];
        }
        System.arraycopy(tailBytes, 0, all, head.length, tailBytes.length);
        return all;
    }
}
