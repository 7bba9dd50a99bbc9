package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.request.Channel;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.Tasklist;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A department user logs into Camunda Tasklist as it ships, opens the group filter, opens the task,
 * fills the Camunda Form and completes it; the privacy reviewer opens the compiled answer and
 * approves. Screenshots: target/screenshots/tasklist-*.png.
 */
@SmtpIntegrationTest
class TasklistDepartmentTaskBrowserTest extends WithGreenMail {

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
    DepartmentResultRepository results;
    @Autowired
    RequestRepository requests;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @Test
    void departmentUserCompletesTheCamundaFormAndThePrivacyReviewerApproves() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", java.util.List.of("transaction"));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("training").count()).isEqualTo(1);

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                    .sendKeys(TestUsers.of("training"));
            driver.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
            browser.screenshot("tasklist-1-login");
            driver.findElement(By.cssSelector("button[type='submit']")).click();

            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Training tasks')]"))).click();
            WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in Training')]")));
            browser.screenshot("tasklist-2-task-list");
            task.click();

            // The Camunda Form, rendered by Tasklist: radio options by their label, as a user picks them.
            WebElement found = wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//label[contains(normalize-space(),'Yes, we hold data about them')]")));
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                    .contains(reference + ": Access request", "Site Sweden", "your department Training", "Transactions");
            browser.screenshot("tasklist-3-form");
            // Tasklist completes only claimed tasks: the user claims it first.
            driver.findElement(By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]")).click();
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskAssignee(TestUsers.of("training")).count() == 1);
            found = wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//label[contains(normalize-space(),'Yes, we hold data about them')]")));
            // Scrolled into view and clicked like a user; Tasklist's sticky header can overlap the element.
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", found);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='field_transaction_data']")))
                    .sendKeys("Course participation 2024: Advanced Revit, Stockholm");
            driver.findElement(By.cssSelector("input[id$='field_transaction_source']")).sendKeys("Course booking system");
            browser.screenshot("tasklist-4-filled");
            WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", complete);

            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskCandidateGroup("training").count() == 0);
            browser.screenshot("tasklist-5-completed");
        }
        long requestId = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(requestId)).singleElement().satisfies(result -> {
            assertThat(result.department()).isEqualTo("training");
            assertThat(result.outcome()).isEqualTo(DepartmentOutcome.DONE);
            assertThat(result.details().path("transaction").path("data").asText())
                    .isEqualTo("Course participation 2024: Advanced Revit, Stockholm");
            assertThat(result.completedBy()).isEqualTo(TestUsers.of("training"));
        });

        // The other departments answer through the REST API; then the privacy team reviews in Tasklist.
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), java.util.Map.of("answer", java.util.Map.of("found", "no")));
        }
        Jobs.executeDue(management);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Privacy team tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Review and approve answer')]"))).click();
            WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]")));
            claim.click();
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskAssignee(TestUsers.of("privacy")).count() == 1);
            WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),'Open the compiled answer')]")));
            String answerUrl = link.getAttribute("href");
            WebElement approve = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Approve and send the answer')]")));
            Tasklist.click(driver, approve);
            browser.screenshot("tasklist-6-review");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).count() == 0);

            // The compiled answer the reviewer saw: read-only, with the department's finding and the Art. 15 items.
            driver.get(answerUrl.replace("http://localhost:8080", "http://localhost:" + port));
            assertThat(driver.getPageSource()).contains("Read-only view", "Course participation 2024: Advanced Revit, Stockholm",
                    "Delivering licences, support, courses and events", "Training");
            browser.screenshot("tasklist-7-compiled-answer");
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .activityIdIn(DataSubjectRequestProcess.Elements.SEND_RESPONSE).count()).isEqualTo(1);
    }

    /**
     * Issue 24: from its Tasklist task (unclaimed, as a department reads it first) the department follows "Attach
     * files" to the files page in a new tab, attaches a PNG and an email, sees both with the types detected from their
     * content, removes one; an executable named .pdf is refused on the page with the reason, nothing stored.
     * Screenshots: target/screenshots/department-files-*.png.
     */
    @Test
    void departmentAttachesFilesFromItsTasklistTaskOnTheFilesPage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", java.util.List.of("digital"));
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("marketing").singleResult().getId();
        java.nio.file.Path png = java.nio.file.Files.write(dir.resolve("photo.png"), DepartmentFilesTest.PNG);
        java.nio.file.Path eml = java.nio.file.Files.write(dir.resolve("order.eml"), DepartmentFilesTest.EML);
        java.nio.file.Path exe = java.nio.file.Files.write(dir.resolve("report.pdf"),
                "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "marketing");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Marketing tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in Marketing')]"))).click();
            WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'fjs-container')]//a[normalize-space()='Attach files']")));
            String tasklist = driver.getWindowHandle();
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
            link.click();
            wait.until(d -> d.getWindowHandles().size() == 2);
            driver.switchTo().window(driver.getWindowHandles().stream().filter(handle -> !handle.equals(tasklist)).findFirst().orElseThrow());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-" + taskId)));
            assertThat(driver.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/staff/requests/" + reference + "/department-files");
            assertThat(driver.findElement(By.cssSelector("#task-" + taskId + " h2")).getText()).isEqualTo("Marketing: your open task");
            assertThat(driver.findElement(By.cssSelector("#task-" + taskId + " .categories")).getText()).isEqualTo("Digital");

            attach(driver, wait, taskId, png);
            assertThat(driver.findElement(By.id("confirmation")).getText()).startsWith("Attached photo.png (image/png, ");
            attach(driver, wait, taskId, eml);
            assertThat(driver.findElement(By.id("confirmation")).getText()).startsWith("Attached order.eml (message/rfc822, ");
            assertThat(rows(driver, taskId)).containsExactly("photo.png | Digital | image/png | " + TestUsers.of("marketing"),
                    "order.eml | Digital | message/rfc822 | " + TestUsers.of("marketing"));
            browser.screenshot("department-files-1-attached");

            Tasklist.click(driver, driver.findElement(By.xpath("//tr[td[@class='name' and text()='photo.png']]//button[@class='remove']")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
            assertThat(driver.findElement(By.id("confirmation")).getText()).isEqualTo("The file was removed.");
            assertThat(rows(driver, taskId)).containsExactly("order.eml | Digital | message/rfc822 | " + TestUsers.of("marketing"));

            attach(driver, wait, taskId, exe);
            WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
            assertThat(refusal.getText()).startsWith("Not attached: Files of type application/x-elf are not accepted.");
            assertThat(rows(driver, taskId)).containsExactly("order.eml | Digital | message/rfc822 | " + TestUsers.of("marketing"));
            browser.screenshot("department-files-2-refused");
        }
        assertThat(jdbc.sql("select name from dsr_department_file where task_id = :id").param("id", taskId).query(String.class).list())
                .containsExactly("order.eml");
    }

    private static void attach(WebDriver driver, WebDriverWait wait, String taskId, java.nio.file.Path file) {
        WebElement form = driver.findElement(By.cssSelector("#task-" + taskId + " form.upload"));
        form.findElement(By.cssSelector("input[type='file']")).sendKeys(file.toAbsolutePath().toString());
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("category"))).selectByVisibleText("Digital");
        WebElement button = form.findElement(By.cssSelector("button.attach"));
        Tasklist.click(driver, button);
        wait.until(ExpectedConditions.stalenessOf(button));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("task-" + taskId)));
    }

    /** The task's files as listed: name, category, type, who. */
    private static java.util.List<String> rows(WebDriver driver, String taskId) {
        return driver.findElements(By.cssSelector("#task-" + taskId + " tr.file")).stream()
                .map(row -> row.findElement(By.className("name")).getText() + " | " + row.findElement(By.className("category")).getText()
                        + " | " + row.findElement(By.className("type")).getText() + " | " + row.findElement(By.className("by")).getText())
                .toList();
    }
}
