package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.DepartmentWork;
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
 * Tasklist, Cockpit and Admin as staff see them (issue 28), in headless Chromium: the list says which
 * request each task is about, forms show words instead of codes, no action is offered that the role
 * cannot use, no banner about migrating to Camunda 8, and a "kept until" date in the past is refused
 * with the reason shown. Screenshots: target/screenshots/staff-*.png.
 */
@SmtpIntegrationTest
class TasklistStaffSideBrowserTest extends WithGreenMail {

    /** What a person must never read in a form: request types, site codes and department keys. */
    private static final Pattern CODES = Pattern.compile(
            "\\b(ACCESS|ERASURE|RECTIFICATION|RESTRICTION|PORTABILITY|OBJECTION|MARKETING_OBJECTION|SE|INT|sales|webdigital)\\b");

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
    DepartmentResultRepository results;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @Test
    void aDepartmentSeesWhichRequestEachTaskIsAboutWordsInsteadOfCodesAndNoActionItCannotUse() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("contact"));
        Task task = new DepartmentWork(tasks, management).task(reference, "sales");
        assertThat(task.getName()).startsWith(reference + " · Erasure · SE · due ").endsWith(" — Search or act in Sales");

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "sales");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Sales tasks')]"))).click();
            WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'" + reference + "')]")));
            assertThat(listed.getText()).isEqualTo(task.getName());
            browser.screenshot("staff-1-department-list");
            assertNoActionsOrBanner(driver, wait, "Create task", "Start process");

            listed.click();
            String form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container"))).getText();
            assertThat(form).contains(reference + ": Erasure request", "Site Sweden", "your department Sales", "Open the request");
            assertThat(CODES.matcher(form).results().map(match -> match.group())).as("codes in the form").isEmpty();
            assertThat(displayed(driver, By.cssSelector(".createCommentLink"))).as("Add Comment").isEmpty();
            assertThat(displayed(driver, By.xpath("//a[contains(normalize-space(),'Add Comment')]"))).isEmpty();
            browser.screenshot("staff-2-department-form");

            // A "kept until" day in the past: Tasklist shows why the answer is refused, and nothing is stored.
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]"))));
            wait.until(d -> tasks.createTaskQuery().taskId(task.getId()).taskAssignee(TestUsers.of("sales")).count() == 1);
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Kept (a legal reason applies)')]"))));
            // A select opens on a real click (scrolled into view first), as a user opens it.
            WebElement rule = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id$='field_contact_rule-display']")));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", rule);
            rule.click();
            WebElement option = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//*[contains(@class,'fjs-dropdownlist-item')][contains(normalize-space(),'Active licence or service contract')]")));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", option);
            option.click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id$='field_contact_kept']")))
                    .sendKeys("Licence contract", org.openqa.selenium.Keys.TAB);
            WebElement until = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id*='field_contact_until']")));
            until.sendKeys("01/01/2020", org.openqa.selenium.Keys.TAB);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='field_recipients']")))
                    .sendKeys("none", org.openqa.selenium.Keys.TAB);
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            try {
                wait.until(d -> d.findElement(By.tagName("body")).getText().contains("2020-01-01, a day in the past"));
            } finally {
                browser.screenshot("staff-3-kept-until-in-the-past");
            }
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("Kept until");
        }
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(results.findByRequest(requests.findByReference(reference).orElseThrow().id())).isEmpty();
    }

    @Test
    void thePrivacyTeamMayStartAProcessButIsOfferedNeitherStandaloneTasksNorComments() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("health"));
        Task check = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.USER_IDENTITY_CHECK)
                .singleResult();
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Privacy team tasks')]"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//a[contains(normalize-space(),'Start process')]")));
            assertNoActionsOrBanner(driver, wait, "Create task");

            WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'" + reference + "')]")));
            assertThat(listed.getText()).isEqualTo(check.getName())
                    .isEqualTo(reference + " · Access · SE · due " + LocalDate.ofInstant(check.getDueDate().toInstant(),
                            ZoneId.of("Europe/Stockholm")) + " — Check identity");
            listed.click();
            String form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container"))).getText();
            assertThat(form).contains("Identity check for " + reference + " (Access, site Sweden)", "Open the request");
            assertThat(CODES.matcher(form).results().map(match -> match.group())).as("codes in the form").isEmpty();
            assertThat(displayed(driver, By.cssSelector(".createCommentLink"))).as("Add Comment").isEmpty();
            browser.screenshot("staff-4-privacy-identity-check");
        }
    }

    @Test
    void cockpitAndAdminShowNoBannerAboutMigratingToCamunda8() throws Exception {
        TestUsers.ensure(identity);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                    .sendKeys(TestUsers.of("managers"));
            driver.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
            driver.findElement(By.cssSelector("button[type='submit']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'Process Definitions') or contains(text(),'Processes')]")));
            assertNoBanner(driver, wait);
            browser.screenshot("staff-5-cockpit");
        }
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/admin/default/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
            assertNoBanner(driver, wait);
            browser.screenshot("staff-6-admin");
        }
    }

    /** Tasklist's navigation is there, without these actions and without the vendor's banner. */
    private static void assertNoActionsOrBanner(WebDriver driver, WebDriverWait wait, String... actions) {
        // "Start process" is decided once the user's startable processes are counted: wait for that (or for it to show).
        WebElement start = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.start-process-action")));
        wait.until(d -> start.getDomAttribute("data-dsr-startable") != null || start.isDisplayed());
        for (String action : actions) {
            assertThat(displayed(driver, By.xpath("//a[contains(normalize-space(),'" + action + "')]"))).as(action).isEmpty();
        }
        assertNoBanner(driver, wait);
    }

    private static void assertNoBanner(WebDriver driver, WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ce-eol-banner")));
        // The webapp's own style sheet and dsr-flow's load one after the other: give them a moment to apply.
        try {
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> displayed(d, By.cssSelector(".ce-eol-banner")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException shown) {
            // asserted below, with what it says
        }
        assertThat(displayed(driver, By.cssSelector(".ce-eol-banner"))).as("the banner").isEmpty();
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("migrate to Camunda 8");
    }

    private static List<WebElement> displayed(WebDriver driver, By by) {
        return driver.findElements(by).stream().filter(WebElement::isDisplayed).toList();
    }
}
