package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.Tasklist;
import org.dsrflow.testsupport.TestIdentityProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Single sign-on in Camunda Tasklist, in headless Chromium, against a real OpenID provider
 * ({@link TestIdentityProvider}): a department user signs in on the provider's sign-in page and sees
 * only their department's tasks; a session that ended signs in again by itself; "Log out" ends the
 * session here and at the provider (asked by client id, not with the ID token), while another site's link to
 * the log-out only asks; a user the provider took out of the group signs in to nothing.
 * Screenshots: target/screenshots/sso-*.png.
 */
class SingleSignOnTasklistBrowserTest extends SingleSignOnIntegrationTest {

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;

    String app;

    @BeforeEach
    void requestsForTrainingAndForSales() {
        app = "http://127.0.0.1:" + port;
        provider.allowApplicationAt(app);
        provider.setGroups("tina", "DSR Training", "Everyone");
        Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("transaction"));
        Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        assertThat(tasks.createTaskQuery().taskCandidateGroup("sales").count()).as("tasks she must not see").isPositive();
    }

    @Test
    void aDepartmentUserSignsInAtTheProviderSeesOnlyItsDepartmentsTasksAndAnEndedSessionSignsInAgain() throws Exception {
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            signIn(driver, wait, browser, "tina");

            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Training tasks')]"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in Training')]")));
            browser.screenshot("sso-2-training-tasks");
            assertThat(driver.findElements(By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'Search or act in Training')]")))
                    .hasSize((int) tasks.createTaskQuery().taskCandidateGroup("training").count());
            assertThat(driver.getPageSource()).doesNotContain("Sales tasks", "Privacy team tasks");
            assertThat(taskIdsSeenBy(driver)).as("every task the webapp shows her")
                    .isEqualTo(ids(tasks.createTaskQuery().taskCandidateGroup("training").list()));

            // The session here ends (as after its time-out); the provider's does not: the next click signs in
            // again without a prompt and without the webapp's own log-in form.
            driver.manage().deleteCookieNamed("JSESSIONID");
            Tasklist.click(driver, driver.findElement(By.xpath("//*[contains(text(),'Training tasks')]")));
            wait.until(d -> d.manage().getCookieNamed("JSESSIONID") != null && d.getCurrentUrl().startsWith(app + "/camunda/app/tasklist/")
                    && !d.findElements(By.xpath("//*[contains(text(),'Training tasks')]")).isEmpty());
            assertThat(driver.findElements(By.cssSelector("input[ng-model='username']"))).isEmpty();
            assertThat(taskIdsSeenBy(driver)).isEqualTo(ids(tasks.createTaskQuery().taskCandidateGroup("training").list()));
            browser.screenshot("sso-3-signed-in-again");
        }
    }

    @Test
    void logOutEndsBothSessionsAndAUserTakenOutOfTheGroupSignsInToNothing() throws Exception {
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            signIn(driver, wait, browser, "tina");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Training tasks')]")));

            // Another site's link to /logout (a top-level navigation carries the session cookie) only asks.
            driver.get("data:text/html,<a id=out href='" + app + "/logout'>out</a><script>document.getElementById('out').click()</script>");
            wait.until(d -> d.getCurrentUrl().startsWith(app + "/logout"));
            assertThat(driver.getPageSource()).contains("Log out of dsr-flow?");
            browser.screenshot("sso-4-logout-from-another-site");
            driver.get(app + "/camunda/app/tasklist/default/");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Training tasks')]")));

            int logouts = provider.logoutRequests().size();
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("li.account li.logout a[data-dsr-sso='logout']"))));
            // The provider's session ended too: back at the webapps, the provider asks to sign in.
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertThat(driver.getCurrentUrl()).startsWith(provider.issuer());
            assertThat(provider.logoutRequests()).hasSize(logouts + 1).last().asString()
                    .as("the provider was asked by client id, not with the ID token")
                    .contains("client_id=" + TestIdentityProvider.CLIENT_ID).doesNotContain("id_token_hint");
            browser.screenshot("sso-5-logged-out");

            provider.setGroups("tina", "Everyone");
            fillSignInForm(driver, "tina");
            wait.until(d -> d.getCurrentUrl().startsWith(app + "/camunda/app/"));
            assertThat(taskIdsSeenBy(driver)).isEmpty();
            JsonNode user = new ObjectMapper().readTree(fetch(driver, "/camunda/api/admin/auth/user/default"));
            assertThat(user.get("userId").asText()).as("her provider identity, from sub").isEqualTo("sso-tina");
            assertThat(user.get("authorizedApps").toString()).doesNotContain("tasklist");
            browser.screenshot("sso-6-without-group");
        }
    }

    private void signIn(WebDriver driver, WebDriverWait wait, Browser browser, String user) throws Exception {
        driver.get(app + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).as("the provider's sign-in page").startsWith(provider.issuer());
        browser.screenshot("sso-1-provider-sign-in");
        fillSignInForm(driver, user);
        wait.until(d -> d.getCurrentUrl().startsWith(app + "/camunda/app/tasklist/"));
    }

    private static void fillSignInForm(WebDriver driver, String user) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestIdentityProvider.PASSWORD);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
    }

    /** The tasks the webapp's own API gives the signed-in user, fetched in the page with its session. */
    private static TreeSet<String> taskIdsSeenBy(WebDriver driver) throws Exception {
        JsonNode list = new ObjectMapper().readTree(fetch(driver, "/camunda/api/engine/engine/default/task"));
        return StreamSupport.stream(list.spliterator(), false).map(task -> task.get("id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String fetch(WebDriver driver, String path) {
        Object body = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {Accept: 'application/json'}, credentials: 'same-origin'})"
                + ".then(function (r) { return r.text().then(function (t) { done(r.ok ? t : 'HTTP ' + r.status); }); })"
                + ".catch(function (e) { done('error ' + e); });", path);
        return String.valueOf(body);
    }

    private static TreeSet<String> ids(List<Task> list) {
        return list.stream().map(Task::getId).collect(Collectors.toCollection(TreeSet::new));
    }
}
