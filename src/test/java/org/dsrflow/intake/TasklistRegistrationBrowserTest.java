package org.dsrflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.process.RegisterRequestProcess;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Channel;
import org.dsrflow.request.RequestRepository;

/**
 * A privacy officer registers a letter in Camunda Tasklist as it ships: Start process, the Camunda
 * Form "register-request", the real date of receipt. Screenshots: target/screenshots/registration-*.png.
 */
@SmtpIntegrationTest
class TasklistRegistrationBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RequestRepository requests;
    @Autowired
    HistoryService history;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void privacyOfficerRegistersALetterWithoutEmailAndIsShownItsReference() throws Exception {
        TestUsers.ensure(identity);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-10T10:00:00Z")));
        long before = requests.count();
        String notification;
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            openRegistrationForm(driver, wait);
            browser.screenshot("registration-1-form");

            select(driver, wait, "field_type", "Access: an overview of all their data");
            driver.findElement(By.cssSelector("input[id$='field_name']")).sendKeys("Lise Brev");
            driver.findElement(By.cssSelector("textarea[id$='field_postal_address']")).sendKeys("Storgatan 1\n111 22 Stockholm");
            select(driver, wait, "field_site", "Sweden");
            select(driver, wait, "field_language", "Svenska");
            click(driver, driver.findElement(By.xpath("//label[contains(normalize-space(),'Contact')]")));
            // Year-month-day, as the label says: never 03/05 (5 March to some, 3 May to others).
            driver.findElement(By.cssSelector("input[id$='field_received_on']")).sendKeys("2026-03-05");
            select(driver, wait, "field_channel", "Post");
            click(driver, driver.findElement(By.xpath("//label[contains(normalize-space(),'Details only the person knows')]")));
            // Someone acting for the person: their fields appear once it is ticked.
            assertThat(driver.findElements(By.cssSelector("input[id$='field_agent_name']"))).isEmpty();
            click(driver, driver.findElement(By.cssSelector("input[id$='field_on_behalf']")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id$='field_agent_name']")))
                    .sendKeys("Advokat Lind");
            driver.findElement(By.cssSelector("input[id$='field_agent_email']")).sendKeys("lind@example.com");
            click(driver, driver.findElement(By.cssSelector("input[id$='field_authorisation']")));
            browser.screenshot("registration-2-filled");

            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='startProcessInstance()']"))).click();
            wait.until(d -> requests.count() == before + 1);
            // Tasklist lists the new instance's tasks assigned to whoever started it: the receipt, named with the reference.
            notification = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'notifications')]//a[contains(.,'Registered DSR-')]"))).getText();
            browser.screenshot("registration-3-started");
        }
        String reference = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(RegisterRequestProcess.KEY).singleResult().getBusinessKey();
        assertThat(notification).contains("Registered " + reference).contains("Access").contains("Sweden")
                .contains("due 7 April 2026");
        DsrRequest registered = requests.findByReference(reference).orElseThrow();
        assertThat(registered.receivedOn()).isEqualTo("2026-03-05");
        assertThat(registered.channel()).isEqualTo(Channel.POST);
        assertThat(registered.dueDate()).isEqualTo("2026-04-07");
        assertThat(registered.requesterName()).isEqualTo("Lise Brev");
        assertThat(registered.requesterEmail()).isNull();
        assertThat(registered.postalAddress()).isEqualTo("Storgatan 1\n111 22 Stockholm");
        assertThat(registered.onBehalf()).isTrue();
        assertThat(registered.categories()).containsExactly("contact");
    }

    @Test
    void aFutureDateIsRefusedInTheFormsOwnWords() throws Exception {
        TestUsers.ensure(identity);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-10T10:00:00Z")));
        long before = requests.count();
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            openRegistrationForm(driver, wait);
            select(driver, wait, "field_type", "Erasure: delete all their data");
            driver.findElement(By.cssSelector("input[id$='field_name']")).sendKeys("Per Brev");
            driver.findElement(By.cssSelector("input[id$='field_email']")).sendKeys("per@example.com");
            select(driver, wait, "field_site", "Sweden");
            select(driver, wait, "field_language", "Svenska");
            driver.findElement(By.cssSelector("input[id$='field_received_on']")).sendKeys("2026-03-11");
            select(driver, wait, "field_channel", "Phone");
            click(driver, driver.findElement(By.xpath("//label[contains(normalize-space(),'Call-back to a phone number')]")));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='startProcessInstance()']"))).click();
            String message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'notifications')]//*[contains(.,'must not be in the future')]"))).getText();
            browser.screenshot("registration-4-future-date");
            assertThat(message).contains("Received on: must not be in the future: 2026-03-11 is after today (2026-03-10 in Sweden)");
        }
        assertThat(requests.count()).isEqualTo(before);
    }

    private void openRegistrationForm(WebDriver driver, WebDriverWait wait) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                .sendKeys(TestUsers.of("privacy"));
        driver.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(normalize-space(),'Start process')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Register a request')]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id$='field_name']")));
    }

    /** A form-js select: open it, pick the option by its label. */
    private static void select(WebDriver driver, WebDriverWait wait, String fieldId, String label) {
        click(driver, driver.findElement(By.cssSelector("[id$='" + fieldId + "-display']")));
        click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))));
    }

    private static void click(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }
}
