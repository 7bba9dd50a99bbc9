package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A requester in headless Chromium: asks in Swedish and in English, corrects invalid input, confirms
 * from the email, uses the link twice, follows the status page, and downloads the access package at
 * the end of the lifecycle. Screenshots: target/screenshots/requester-*.png.
 */
@SmtpIntegrationTest
class RequesterPagesBrowserTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    org.dsrflow.intake.RequestIntakeService intake;
    @Autowired
    org.dsrflow.process.RequestProcessAdapter process;
    @Autowired
    org.dsrflow.request.RequestRepository requests;
    @Autowired
    org.dsrflow.departments.ReviewedFiles reviewed;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    /** Issue 24: the identity check asked for more; the requester attaches a picture on the reply page from the email's link. */
    @Test
    void theRequesterAttachesAPictureOfWhatWeAskedForOnTheReplyPage() throws Exception {
        org.dsrflow.testsupport.TestUsers.ensure(identity);
        org.dsrflow.testsupport.IdentityEvidenceScenario scenario = new org.dsrflow.testsupport.IdentityEvidenceScenario(port, intake,
                management, process, jdbc, greenMail);
        org.dsrflow.testsupport.IdentityEvidenceScenario.Waiting waiting = scenario.waitingForEvidence();
        java.nio.file.Path disguised = java.nio.file.Files.createTempFile("passport", ".pdf");
        java.nio.file.Path letter = java.nio.file.Files.createTempFile("letter", ".png");
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        java.nio.file.Files.write(disguised, exe);
        java.nio.file.Files.write(letter, org.dsrflow.testsupport.IdentityEvidenceScenario.PNG);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(url(waiting.replyPath()));
            assertThat(driver.findElement(By.id("evidence-use")).getText()).contains("Only our privacy team sees these files");
            assertThat(driver.findElement(By.id("evidence-hint")).getText()).contains("At most 5 files", "10 MB");
            browser.screenshot("requester-evidence-1-reply-en");

            // An executable named .pdf: refused, said beside the field, nothing stored
            driver.findElement(By.id("text")).sendKeys("My passport.");
            driver.findElement(By.id("evidence-files")).sendKeys(disguised.toString());
            driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("files-error")));
            assertThat(driver.findElement(By.id("files-error")).getText()).contains(disguised.getFileName().toString(), "not a PDF");
            assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("My passport.");
            browser.screenshot("requester-evidence-2-refused-en");
            assertThat(scenario.storedFiles(waiting.reference())).isZero();

            driver.findElement(By.id("text")).clear();
            driver.findElement(By.id("text")).sendKeys("Here is the letter you sent me.");
            driver.findElement(By.id("evidence-files")).sendKeys(letter.toString());
            driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reply-sent")));
            browser.screenshot("requester-evidence-3-sent-en");
            assertThat(scenario.storedFiles(waiting.reference())).isOne();
        } finally {
            java.nio.file.Files.deleteIfExists(disguised);
            java.nio.file.Files.deleteIfExists(letter);
        }
    }

    @Test
    void requesterAsksConfirmsFollowsAndDownloadsInTheirLanguage() throws Exception {
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

            // Swedish: the switcher, the form, the reference
            driver.get(url("/?lang=sv"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fråga om dina personuppgifter");
            browser.screenshot("requester-1-form-sv");
            String reference = submit(driver, wait, "Sofia Svensson", "sofia@example.com", "contact");
            browser.screenshot("requester-2-submitted-sv");

            // English, with mistakes first: errors beside the fields, input kept
            driver.get(url("/?lang=en"));
            driver.findElement(By.id("name")).sendKeys("Ann Example");
            driver.findElement(By.id("email")).sendKeys("ann-at-example");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Enter a valid email address", "Choose your country");
            assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Ann Example");
            browser.screenshot("requester-3-errors-en");
            driver.findElement(By.id("email")).clear();
            driver.findElement(By.id("email")).sendKeys("ann@example.com");
            String english = submit(driver, wait, null, null, "digital");
            assertThat(english).isNotEqualTo(reference);

            // The confirmation link from the (Swedish) email, twice
            Jobs.executeDue(management);
            MimeMessage acknowledgement = emailFor(reference);
            assertThat(acknowledgement.getSubject()).isEqualTo("Vi har tagit emot din begäran " + reference);
            // The link shows what is to be confirmed; only the button confirms (a mail scanner opening the link does not).
            driver.get(url(Mails.confirmationPath(acknowledgement)));
            assertThat(driver.findElement(By.id("confirm-request")).getText()).contains("Bekräfta din begäran", reference,
                    "tillgång till dina personuppgifter");
            browser.screenshot("requester-4-confirm-sv");
            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirmed")));
            assertThat(driver.findElement(By.id("confirmed")).getText()).contains("Tack, din e-postadress är bekräftad", reference);
            assertThat(driver.getCurrentUrl()).endsWith(Mails.confirmationPath(acknowledgement));
            browser.screenshot("requester-4-confirmed-sv");
            // The same browser sees its outcome again (e.g. after switching language); another device is told it was used.
            driver.get(url(Mails.confirmationPath(acknowledgement)));
            assertThat(driver.findElement(By.id("confirmed")).getText()).contains(reference);
            driver.manage().deleteAllCookies();
            driver.get(url(Mails.confirmationPath(acknowledgement)));
            assertThat(driver.findElement(By.id("already-confirmed")).getText()).contains("Länken har redan använts");
            browser.screenshot("requester-5-used-sv");

            // The status page from the email
            driver.get(url(Mails.linkPath(Mails.text(acknowledgement), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+")));
            assertThat(driver.findElement(By.id("stage")).getText()).isEqualTo("Våra avdelningar arbetar med din begäran.");
            browser.screenshot("requester-6-status-sv");

            // The whole lifecycle, then the download
            for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
                tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes",
                        "contact", Map.of("data", "Sofia Svensson, Storgatan 1, Stockholm", "source", "Order 2024-117"))));
            }
            Jobs.executeDue(management);
            tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult().getId(),
                    Map.of("reviewDecision", "approve"));
            Jobs.executeDue(management);
            MimeMessage answer = emailFor(reference);
            assertThat(answer.getSubject()).isEqualTo("Vårt svar på din begäran " + reference);
            driver.get(url(Mails.linkPath(Mails.text(answer), "/download\\?token=[A-Za-z0-9_-]+")));
            assertThat(driver.findElement(By.id("expires")).getText()).startsWith("Av säkerhetsskäl fungerar länken till och med");
            browser.screenshot("requester-7-download-sv");
            // Every button saves a file (HTML is never rendered on our origin); the first one is the whole package.
            java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("dsr-downloads");
            ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            driver.findElement(By.id("package-link")).click();
            java.nio.file.Path zip = downloads.resolve(reference + "-your-data.zip");
            wait.until(d -> java.nio.file.Files.exists(zip));
            driver.findElement(By.id("report-link")).click();
            java.nio.file.Path report = downloads.resolve(reference + "-access-report.html");
            wait.until(d -> java.nio.file.Files.exists(report));
            assertThat(driver.findElement(By.id("package-link")).isDisplayed()).as("still on the download page").isTrue();
            assertThat(java.nio.file.Files.readString(report)).contains("Sofia Svensson, Storgatan 1, Stockholm", "Order 2024-117");
            // The person opens the saved report from their own computer.
            driver.get(report.toUri().toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Storgatan 1"));
            browser.screenshot("requester-8-report");
        }
    }

    /** Fills the rest of the form (site SE, one category) and returns the reference shown after sending. */
    private String submit(WebDriver driver, WebDriverWait wait, String name, String email, String category) {
        if (name != null) {
            driver.findElement(By.id("name")).sendKeys(name);
            driver.findElement(By.id("email")).sendKeys(email);
        }
        new Select(driver.findElement(By.id("site"))).selectByValue("SE");
        driver.findElement(By.id("category-" + category)).click();
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("submitted")));
        Matcher reference = Pattern.compile("DSR-\\d{4}-\\d{6}").matcher(driver.findElement(By.id("submitted")).getText());
        assertThat(reference.find()).isTrue();
        return reference.group();
    }

    private MimeMessage emailFor(String reference) throws Exception {
        MimeMessage found = null;
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (message.getSubject().contains(reference) && !Mails.toDepartment(message)) {
                found = message;
            }
        }
        assertThat(found).as("an email for " + reference).isNotNull();
        return found;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }


    /**
     * Art. 20(2) in Chromium: on a portability answer's download page the requester asks for the code, enters it, gets the
     * form "Have it sent to another organisation", sees a bad address refused beside the form, sends the package to Nordic
     * Bank AB and reads where it went; the bank's page names the sender and the reference. Screenshots
     * target/screenshots/requester-transfer-*.png.
     */
    @Test
    void requesterHasThePortabilityPackageSentToAnotherOrganisationFromTheDownloadPage() throws Exception {
        org.dsrflow.testsupport.TestUsers.ensure(identity);
        org.dsrflow.testsupport.AnswerPackageScenario scenario = new org.dsrflow.testsupport.AnswerPackageScenario(
                new org.dsrflow.testsupport.Http(port), new org.dsrflow.testsupport.DepartmentWork(tasks, management), intake,
                management, process, requests, reviewed, greenMail);
        String address = org.dsrflow.testsupport.Requests.newAddress("lars");
        String reference = scenario.portabilityAnswered(address);
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(url(scenario.landing(reference)));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-send-code")));
            browser.screenshot("requester-transfer-1-code-first");
            driver.findElement(By.id("transfer-send-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-code")));
            java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?m)^(\\d{6})\\s*$")
                    .matcher(org.dsrflow.testsupport.Mails.text(org.dsrflow.testsupport.Mails.lastTo(greenMail, address)));
            assertThat(digits.find()).isTrue();
            driver.findElement(By.id("transfer-code")).sendKeys(digits.group(1));
            driver.findElement(By.id("transfer-check-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-form")));
            browser.screenshot("requester-transfer-2-form");

            driver.findElement(By.id("transfer-organisation")).sendKeys("Nordic Bank AB");
            driver.findElement(By.id("transfer-address")).sendKeys("portability@bank");
            driver.findElement(By.id("transfer-send")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-problems")));
            assertThat(driver.findElement(By.id("transfer-problems")).getText()).contains("Enter one email address");
            assertThat(driver.findElement(By.id("transfer-address")).getAttribute("aria-invalid")).isEqualTo("true");
            browser.screenshot("requester-transfer-3-bad-address");

            driver.findElement(By.id("transfer-address")).clear();
            driver.findElement(By.id("transfer-address")).sendKeys("portability@bank.example");
            driver.findElement(By.id("transfer-send")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transferred")));
            assertThat(driver.findElement(By.id("transferred")).getText()).contains("Nordic Bank AB", "portability@bank.example");
            browser.screenshot("requester-transfer-4-sent");

            driver.get(url(scenario.bankLink()));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-download")));
            assertThat(driver.findElement(By.id("transfer-sender")).getText()).contains("Example Group", reference);
            browser.screenshot("requester-transfer-5-organisations-page");
        }
    }
}
