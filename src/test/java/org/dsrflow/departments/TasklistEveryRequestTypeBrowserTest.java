package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every request type's own department form, as a department user works it in Camunda Tasklist as it
 * ships: the form for the type opens, the user picks the action by its label, writes what the form
 * requires and completes; the answer is recorded as the contract says. The objection's per-purpose
 * weighing is done by the privacy team in Tasklist too. Screenshots: target/screenshots/types-*.png.
 */
@SmtpIntegrationTest
class TasklistEveryRequestTypeBrowserTest extends WithGreenMail {

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

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RECTIFICATION | transaction   | training | some of our data about them is wrong     | Corrected                      | field_transaction_correction | Course date 2024-03-01 → 2024-03-08 | action    | corrected
            RESTRICTION   | digital       | webdigital | restrict the use of their data         | Restricted                     | field_digital_how            | Marked restricted in the analytics system | action | restricted
            PORTABILITY   | communication | marketing | Did you find personal data              | Yes, we hold data about them   | field_communication_data     | My testimonial of 2024                  | data   | My testimonial of 2024
            OBJECTION     | communication | support  | based on legitimate interests            | Stopped the processing for these purposes | -                 | -                                       | action | stopped
            """)
    void departmentUserCompletesTheTypesOwnFormInTasklist(String type, String category, String department, String formText,
            String option, String textField, String text, String recordedKey, String recordedValue) throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(type, "Tove Typ",
                "tove." + type.toLowerCase() + "@example.com", "SE", "en", List.of(category), "What is wrong: the course date."));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, department);
            openTask(driver, wait, reference, department, DataSubjectRequestProcess.Elements.DEPARTMENT_TASK);
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container"))).getText())
                    .contains(reference, type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT) + " request",
                            "Site Sweden", formText)
                    .doesNotContain(type);
            claim(driver, wait, reference, department);
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'" + option + "')]"))));
            if (!"-".equals(textField)) {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='" + textField + "']")))
                        .sendKeys(text, org.openqa.selenium.Keys.TAB);
            }
            if ("PORTABILITY".equals(type)) {
                // Art. 20(1)(a): the department sees which part of the category the right covers, the consent-based purpose only.
                assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                        .contains("for: Publishing testimonials you agreed to")
                        .doesNotContain("Answering you and following up", "Improving our services");
            }
            for (WebElement recipients : driver.findElements(By.cssSelector("textarea[id$='field_recipients']"))) {
                recipients.sendKeys("none", org.openqa.selenium.Keys.TAB);
                // Art. 19: the parties dsr-flow can ask about the categories of this task are offered to tick, none
                // ticked until the department does; a party of other categories is never offered (transactions have none).
                String parties = driver.findElement(By.cssSelector(".fjs-container")).getText();
                List<WebElement> boxes = driver.findElements(By.cssSelector("input[type='checkbox'][id*='field_disclosed_to']"));
                if ("digital".equals(category)) {
                    assertThat(parties).contains("Which of these received this person's data from us?",
                            "Our website hosting partner (Digital)");
                    assertThat(boxes).hasSize(2).noneMatch(WebElement::isSelected);
                } else {
                    assertThat(parties).doesNotContain("Our website hosting partner", "Google");
                    assertThat(boxes).isEmpty();
                }
            }
            browser.screenshot("types-" + type.toLowerCase() + "-filled");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(department)
                    .includeAssignedTasks().count() == 0);
        }
        long requestId = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(requestId)).singleElement().satisfies(result -> {
            assertThat(result.department()).isEqualTo(department);
            assertThat(result.details().path(category).path(recordedKey).asText()).isEqualTo(recordedValue);
            assertThat(result.completedBy()).isEqualTo(TestUsers.of(department));
        });
    }

    /** Art. 17(2): erasing testimonials (communication, made public) asks in Tasklist how others who process them were informed. */
    @Test
    void aDepartmentThatErasesPublishedDataRecordsInTasklistHowItInformedOthers() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("communication"));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "marketing");
            openTask(driver, wait, reference, "marketing", DataSubjectRequestProcess.Elements.DEPARTMENT_TASK);
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container"))).getText())
                    .contains(reference).doesNotContain("We made some of this data public");
            claim(driver, wait, reference, "marketing");
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Erased')]"))));
            wait.until(d -> d.findElement(By.cssSelector(".fjs-container")).getText()
                    .contains("We made some of this data public (testimonials on our websites and our social media pages)"));
            assertThat(driver.findElements(By.cssSelector("textarea[id$='field_communication_publicationSteps']"))).isEmpty();
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Yes: we informed the sites and platforms')]"))));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='field_communication_publicationSteps']")))
                    .sendKeys("Asked reviews.example to remove its copy of the quote", org.openqa.selenium.Keys.TAB);
            driver.findElement(By.cssSelector("textarea[id$='field_recipients']")).sendKeys("none", org.openqa.selenium.Keys.TAB);
            browser.screenshot("erasure-made-public-filled");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("marketing")
                    .includeAssignedTasks().count() == 0);
        }
        long requestId = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(requestId)).singleElement().satisfies(result -> {
            assertThat(result.details().path("communication").path("publication").asText()).isEqualTo("informed");
            assertThat(result.details().path("communication").path("publicationSteps").asText())
                    .isEqualTo("Asked reviews.example to remove its copy of the quote");
        });
    }

    @Test
    void privacyTeamWeighsAnObjectionPerPurposeInTasklist() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "OBJECTION", "SE", "en", List.of("communication"));
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("communication", Map.of("action", "stopped"))));
        }
        Jobs.executeDue(management);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, reference, "privacy", DataSubjectRequestProcess.Elements.OBJECTION_DECISION);
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container"))).getText())
                    .contains(reference, "Answering you and following up", "Improving our services")
                    .doesNotContain("Running and securing our websites");
            claim(driver, wait, reference, "privacy");
            List<WebElement> stop = wait.until(d -> {
                List<WebElement> labels = d.findElements(By.xpath("//label[contains(normalize-space(),'No: the processing stops')]"));
                return labels.stream().filter(WebElement::isDisplayed).count() == 2 ? labels : null;
            });
            stop.stream().filter(WebElement::isDisplayed).forEach(label -> Tasklist.click(driver, label));
            browser.screenshot("types-objection-weighed");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION).count() == 0);
            Jobs.executeDue(management);
        }
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).count()).isEqualTo(1);
    }

    /** Opens this request's task of the group in Tasklist by its address. */
    private void openTask(WebDriver driver, WebDriverWait wait, String reference, String group, String taskKey) {
        String id = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey)
                .taskCandidateGroup(group).singleResult().getId();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),' tasks')]")));
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + id);
    }

    private void claim(WebDriver driver, WebDriverWait wait, String reference, String group) {
        Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]"))));
        wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskAssignee(TestUsers.of(group)).count() == 1);
    }
}
