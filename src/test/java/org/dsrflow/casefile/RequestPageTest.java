package org.dsrflow.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.Tasklist;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The request page, {@code /staff/requests/{reference}}, as each role meets it: a department reads
 * whom to search for from its unclaimed task (in Tasklist, in a new tab), other departments and
 * managers do not; the privacy team sees the whole case (the identity evidence that came back, each
 * department's answer and notes, returns, views, and the timeline of a finished request); a manager sees
 * the case without personal data. Tasklist's form links open in a new tab, also before claiming.
 */
@SmtpIntegrationTest
class RequestPageTest extends WithGreenMail {

    static final String NAME = "Ann Example-Lind";
    /** Ann's address, one per test (Requests.newAddress). */
    String email;
    static final String DETAILS = "I bought a <b>licence</b> in 2023 under my maiden name Ann Smith.";

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
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http http;
    DepartmentWork work;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        work = new DepartmentWork(tasks, management);
        TestUsers.ensure(identity);
        email = Requests.newAddress("ann.lind");
    }

    @Test
    void aDepartmentReadsWhomToSearchForFromItsUnclaimedTaskInTasklistInANewTab() throws Exception {
        assumeChromium();
        withRequestLink("department-access");
        String reference = request(List.of("transaction"));
        Task task = work.task(reference, "training");
        assertThat(task.getAssignee()).isNull();

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "training");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Training tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in Training')]"))).click();
            WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'fjs-container')]//a[normalize-space()='Open the request']")));
            String tasklist = driver.getWindowHandle();

            // Before claiming: the department opens the request page from its form, beside the task.
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
            link.click();
            wait.until(d -> d.getWindowHandles().size() == 2);
            driver.switchTo().window(driver.getWindowHandles().stream().filter(handle -> !handle.equals(tasklist)).findFirst().orElseThrow());
            WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("requester-name")));
            assertThat(driver.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/staff/requests/" + reference);
            assertThat(name.getText()).isEqualTo(NAME);
            assertThat(driver.findElement(By.id("requester-email")).getText()).isEqualTo(email);
            assertThat(driver.findElement(By.id("requester-details")).getText()).isEqualTo(DETAILS);
            assertThat(driver.findElement(By.id("held")).getText()).contains("Transactions");
            assertThat(driver.findElement(By.id("task-due")).getText()).contains("17:00");
            assertThat(driver.findElement(By.linkText("← Back to Tasklist")).getAttribute("href"))
                    .contains("/camunda/app/tasklist/default/#/?task=" + task.getId());
            browser.screenshot("request-page-department");
            driver.switchTo().window(tasklist);
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText()).contains(reference);
        }
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).as("still unclaimed").isNull();
    }

    /** Issue 24: the reopened identity check links to the requester's files; the picture shows, in a new tab. */
    @Test
    void theReopenedIdentityCheckLinksToTheRequestersEvidenceWhichShowsThePicture() throws Exception {
        assumeChromium();
        org.dsrflow.testsupport.IdentityEvidenceScenario scenario = new org.dsrflow.testsupport.IdentityEvidenceScenario(port, intake,
                management, process, jdbc, greenMail);
        org.dsrflow.testsupport.IdentityEvidenceScenario.Waiting waiting = scenario.waitingForEvidence();
        assertThat(scenario.send(new Http(port), waiting, "Here is the letter.", List.of(org.dsrflow.testsupport.IdentityEvidenceScenario
                .file("letter.png", org.dsrflow.testsupport.IdentityEvidenceScenario.picture()))).status()).isEqualTo(200);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Privacy team tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'" + waiting.reference() + "')]"))).click();
            WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),'Open the requester')]")));
            String tasklist = driver.getWindowHandle();
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
            browser.screenshot("identity-evidence-task");
            link.click();
            wait.until(d -> d.getWindowHandles().size() == 2);
            driver.switchTo().window(driver.getWindowHandles().stream().filter(handle -> !handle.equals(tasklist)).findFirst().orElseThrow());
            wait.until(d -> d.getCurrentUrl().contains("/staff/requests/" + waiting.reference() + "/identity-evidence"));
            driver.get(driver.getCurrentUrl().replace("http://localhost:8080", "http://localhost:" + port));
            WebElement picture = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".preview img")));
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth;", picture)).intValue() == 320);
            assertThat(driver.findElement(By.id("asked")).getText()).isEqualTo("A photo of a letter we sent you.");
            browser.screenshot("identity-evidence-page");
            driver.switchTo().window(tasklist);
        }
    }

    @Test
    void aFormLinkOfAnUnclaimedTaskOpensInANewTab() throws Exception {
        assumeChromium();
        String reference = request(List.of("digital"));
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Privacy team tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Review and approve answer')]"))).click();
            WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),'Open the compiled answer')]")));
            String tasklist = driver.getWindowHandle();
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
            browser.screenshot("request-page-unclaimed-link");
            link.click(); // a real click where a person clicks (an element over the link would take it instead)
            wait.until(d -> d.getWindowHandles().size() == 2);
            String opened = driver.getWindowHandles().stream().filter(handle -> !handle.equals(tasklist)).findFirst().orElseThrow();
            driver.switchTo().window(opened);
            wait.until(d -> d.getCurrentUrl().contains("/staff/requests/" + reference + "/answer"));
            // Links name this run's port when no public address is configured; the same page on this port, in the new tab.
            driver.get(driver.getCurrentUrl().replace("http://localhost:8080", "http://localhost:" + port));
            wait.until(d -> d.getPageSource().contains("What each department answered"));
            browser.screenshot("request-page-link-new-tab");
            // The whole case, as the privacy team reads it.
            driver.get("http://localhost:" + port + "/staff/requests/" + reference);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
            assertThat(driver.findElement(By.id("requester-name")).getText()).isEqualTo(NAME);
            browser.screenshot("request-page-case");
            driver.switchTo().window(tasklist);
            assertThat(driver.getCurrentUrl()).contains("/camunda/app/tasklist/");
        }
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.PRIVACY_REVIEW)
                .singleResult().getAssignee()).isNull();
    }

    @Test
    void onlyTheDepartmentsWithAnOpenTaskSeeThePersonEachViewIsRecordedForThePrivacyTeam() {
        String reference = request(List.of("digital"));
        Set<String> departments = departments(reference);
        assertThat(departments).contains("marketing").doesNotContain("sales");
        String path = "/staff/requests/" + reference;

        Http marketing = WebappSessions.logIn(port, "marketing", "tasklist");
        Http.Response page = marketing.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body()).contains(NAME, email, "I bought a &lt;b&gt;licence&lt;/b&gt;", "Access (Art. 15)", "Sweden")
                .doesNotContain("<b>licence</b>", "Timeline", "Correspondence");

        Http.Response otherDepartment = WebappSessions.logIn(port, "sales", "tasklist").get(path);
        assertThat(otherDepartment.status()).isEqualTo(403);
        assertThat(otherDepartment.body()).doesNotContain(NAME, email);
        assertThat(http.get(path).status()).isEqualTo(401);
        assertThat(marketing.get("/staff/requests/DSR-2026-999999").status()).isEqualTo(404);

        Http.Response privacy = WebappSessions.logIn(port, "privacy", "tasklist").get(path);
        assertThat(privacy.status()).isEqualTo(200);
        assertThat(privacy.body()).containsPattern("Viewed by marketing \\(testmarketing\\) on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");

        // Once its task is done, the department no longer reads the person.
        work.complete(work.task(reference, "marketing"), Map.of("found", "no"));
        Http.Response done = marketing.get(path);
        assertThat(done.status()).isEqualTo(403);
        assertThat(done.body()).contains("task for " + reference + " is done").doesNotContain(NAME);
    }

    @Test
    void theReopenedIdentityCheckShowsWhoThePersonSaysTheyAreAndTheEvidenceTheySent() throws Exception {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", NAME, email, "SE", "en",
                List.of("health"), DETAILS, true, "Bo Agent", "bo.agent@example.com", true));
        Task check = identityCheck(reference);
        assertThat(http.postJson("/engine-rest/task/" + check.getId() + "/submit-form", """
                {"variables": {"identityMethod": {"value": "AUTHORISATION"}, "identityOutcome": {"value": "NEED_MORE"},
                 "identityRequest": {"value": "A signed power of attorney from the person."}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        String replyPath = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/reply\\?token=[A-Za-z0-9_-]+");
        Http requester = new Http(port);
        Http.Response replyPage = requester.get(replyPath);
        assertThat(requester.postForm("/reply", Map.of("token", replyPath.substring(replyPath.indexOf('=') + 1),
                "text", "Attached: the power of attorney signed by Ann on 3 May.", "_csrf", Http.csrf(replyPage.body()))).status())
                .isEqualTo(200);
        assertThat(identityCheck(reference)).as("the identity check is open again").isNotNull();

        Http privacy = WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response questions = privacy.get("/staff/requests/" + reference + "/questions");
        assertThat(questions.body()).contains("A signed power of attorney from the person.",
                "Attached: the power of attorney signed by Ann on 3 May.").doesNotContain("We have not asked the requester anything");
        Http.Response page = privacy.get("/staff/requests/" + reference);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(NAME, email, "I bought a &lt;b&gt;licence&lt;/b&gt;", "Bo Agent", "bo.agent@example.com",
                "A signed power of attorney from the person.", "testprivacy", "AUTHORISATION", "NEED_MORE",
                "Attached: the power of attorney signed by Ann on 3 May.");
    }

    @Test
    void thePrivacyTeamSeesEveryDepartmentsAnswerNotesAndReturnsOnTheCaseAndTheCompiledAnswer() {
        String reference = request(List.of("digital"));
        assertThat(answer(reference, "marketing", """
                {"found": "yes", "digital": {"data": "Newsletter opens from 10.1.2.3", "source": "Mail tool"},
                 "notes": "Also a second address ann@old.example, not merged"}""")).isEqualTo(204);
        assertThat(answer(reference, "webdigital", """
                {"found": "no", "notes": "Searched the web analytics by email: nothing"}""")).isEqualTo(204);
        Jobs.executeDue(management);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        assertThat(http.postJson("/engine-rest/task/" + review.getId() + "/complete", """
                {"variables": {"reviewDecision": {"value": "return"}, "returnTo": {"value": "marketing"},
                 "returnComment": {"value": "Check the CRM too"}}}""", "Authorization", TestUsers.auth("privacy")).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        Task rework = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.DEPARTMENT_REWORK).singleResult();
        assertThat(http.postJson("/engine-rest/task/" + rework.getId() + "/complete", answerBody("""
                {"found": "yes", "digital": {"data": "Newsletter opens from 10.1.2.3; CRM: one contact", "source": "Mail tool, CRM"},
                 "notes": "CRM checked"}"""), "Authorization", TestUsers.auth("marketing")).status()).isEqualTo(204);
        Jobs.executeDue(management);

        Http privacy = WebappSessions.logIn(port, "privacy", "tasklist");
        for (String path : List.of("/staff/requests/" + reference + "/answer", "/staff/requests/" + reference)) {
            Http.Response page = privacy.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("Web &amp; Digital", "Found nothing", "testwebdigital",
                    "Searched the web analytics by email: nothing", "testmarketing", "CRM checked",
                    "Newsletter opens from 10.1.2.3; CRM: one contact",
                    "Returned to", "Check the CRM too", "Also a second address ann@old.example, not merged");
        }
    }

    @Test
    void aFinishedRequestsTimelineSaysWhoDidWhatWhenAndManagersSeeItWithoutPersonalData() throws Exception {
        String reference = request(List.of("digital"));
        for (String department : departments(reference)) {
            assertThat(answer(reference, department, "{\"found\": \"no\", \"notes\": \"Nothing in our systems\"}")).isEqualTo(204);
        }
        Jobs.executeDue(management);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        assertThat(http.postJson("/engine-rest/task/" + review.getId() + "/claim", "{\"userId\": \"testprivacy\"}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(http.postJson("/engine-rest/task/" + review.getId() + "/complete", "{\"variables\": {\"reviewDecision\": {\"value\": \"approve\"}}}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).contains("Our answer to your request " + reference);

        Http.Response page = WebappSessions.logIn(port, "privacy", "tasklist").get("/staff/requests/" + reference);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Answered").doesNotContain(">ANSWERED<");
        String timeline = page.body().substring(page.body().indexOf("id=\"timeline\""));
        assertThat(timeline).containsPattern("Task opened: Search or act in (Marketing|Web &amp; digital)</td><td>group (marketing|webdigital)")
                .containsPattern("Task completed: Search or act in (Marketing|Web &amp; digital)</td><td>test(marketing|webdigital)")
                .contains("Task claimed: Review and approve answer</td><td>testprivacy",
                        "Task completed: Review and approve answer</td><td>testprivacy", "Email sent: response")
                .containsPattern("<td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</td><td>Task completed: Review");

        Http managers = WebappSessions.logIn(port, "managers", "cockpit");
        assertThat(managers.get("/staff/requests/" + reference + "/answer").status()).isEqualTo(403);
        assertThat(managers.get("/staff/requests/" + reference + "/questions").status()).isEqualTo(403);
        Http.Response manager = managers.get("/staff/requests/" + reference);
        assertThat(manager.status()).isEqualTo(200);
        assertThat(manager.body()).contains(reference, "Access (Art. 15)", "Answered", "Task completed: Review and approve answer",
                        "testprivacy", "Email sent: response")
                .doesNotContain(NAME, email, "licence", "maiden", "Nothing in our systems", "example.com");
    }

    /** The link the forms get (see the README): deployed here as the form's next version until the forms carry it. */
    static final String REQUEST_LINK = "**[Open the request](/staff/requests/{{reference}})** (who the person is and what they asked; opens in a new tab)";

    private void withRequestLink(String formKey) throws Exception {
        String resource = formKey + ".form";
        var deployment = repository.createDeploymentQuery().orderByDeploymentTime().desc().list().stream()
                .filter(candidate -> repository.getDeploymentResourceNames(candidate.getId()).contains(resource))
                .findFirst().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode json;
        try (var in = repository.getResourceAsStream(deployment.getId(), resource)) {
            json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        var text = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("components").get(0);
        if (!text.get("text").asText().contains("/staff/requests/{{reference}}")) {
            text.put("text", REQUEST_LINK + "\n\n" + text.get("text").asText());
            repository.createDeployment().name("request link").addString(resource, json.toString()).deploy();
        }
    }

    private String request(List<String> categories) {
        return Requests.confirmed(intake, management, process, new NewRequest("ACCESS", NAME, email, "SE", "en", categories, DETAILS));
    }

    private Set<String> departments(String reference) {
        return Set.copyOf(work.tasks(reference).stream().map(work::department).toList());
    }

    private Task identityCheck(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.USER_IDENTITY_CHECK).singleResult();
    }

    /** The department answers through the REST API, as its user (Tasklist's Complete does the same). */
    private int answer(String reference, String department, String json) {
        return http.postJson("/engine-rest/task/" + work.task(reference, department).getId() + "/complete", answerBody(json),
                "Authorization", TestUsers.auth(department)).status();
    }

    private static String answerBody(String json) {
        return "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": " + quoted(json) + "}}}";
    }

    private static String quoted(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json.replace("\n", " "));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assumeChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }
}
