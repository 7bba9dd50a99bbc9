package org.dsrflow.requester;

import org.dsrflow.testsupport.ReferenceLanguages;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.request.Channel;
import org.dsrflow.request.Language;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.MailComposer;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SampleEmails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.RateLimits;
import org.dsrflow.testsupport.PublicLimits;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every public page state and every requester email, in every language, checked in headless
 * Chromium by axe-core (WCAG 2.0/2.1 A and AA): zero violations. Beyond axe: after a failed submit
 * the error summary has the focus, the title starts with the localised "Error", errors are listed
 * in the form's order, and every invalid field is described by its message; the agent's fields
 * show only when the box is ticked; emails fit a 390 px screen. Screenshots at 390 px:
 * target/screenshots/a11y-*.png.
 * <p>
 * The checks run in {@link AccessibilityBrowserTest}, on the prod profile and PostgreSQL: the pages and emails as
 * production serves them, and in the second of the two test JVMs, which balances the lanes (testsupport/Lanes).
 */
@SmtpIntegrationTest
abstract class AccessibilityChecks extends WithGreenMail {

    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Map<Language, String> ERROR = Map.of(ReferenceLanguages.EN, "Error:", ReferenceLanguages.SV, "Fel:", ReferenceLanguages.NB, "Feil:",
            ReferenceLanguages.DA, "Fejl:", ReferenceLanguages.FI, "Virhe:");

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    MailComposer composer;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    RateLimits rateLimits;
    @Autowired
    DsrProperties properties;

    final List<String> violations = new ArrayList<>();
    int checked;
    /** The erasure whose parties are asked, and the link of the party that never answers. */
    String partyReference;
    String silentPartyLink;

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
    void everyPageStateAndEveryEmailHasNoAxeViolationsInAnyLanguage() throws Exception {
        // Five replies an hour per address: the five languages' replies, then "too many attempts" in each.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(1000, 1000, 1000, 1000, 5));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

            // The check itself can fail: a page with an image without text has a violation.
            driver.get("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(
                    "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"x.png\"></main></body></html>",
                    StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(axe(driver, "a page with an image without text").getViolations()).extracting(Rule::getId).contains("image-alt");

            // The form, and the form with errors (keyboard and screen-reader behaviour too)
            for (Language language : ReferenceLanguages.values()) {
                driver.get(url("/request?lang=" + language));
                check(driver, "form", language);
                assertThat(driver.findElement(By.id("agentName")).isDisplayed()).as("agent fields hidden").isFalse();
                driver.findElement(By.id("onBehalf")).click();
                assertThat(driver.findElement(By.id("agentName")).isDisplayed()).as("agent fields shown when ticked").isTrue();
                check(driver, "form, on behalf", language);
                driver.findElement(By.id("onBehalf")).click();
                driver.findElement(By.id("type-RESTRICTION")).click();
                check(driver, "form, restriction with its grounds", language);
                driver.findElement(By.id("type-ACCESS")).click();
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
                assertErrorsAreAnnounced(driver, language);
                check(driver, "form with errors", language);
                if (language == ReferenceLanguages.SV) {
                    driver.manage().window().setSize(new Dimension(390, 844));
                    driver.get(url("/request?lang=sv"));
                    browser.screenshot("a11y-1-form-390-sv");
                    driver.findElement(By.cssSelector("button[type=submit]")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
                    browser.screenshot("a11y-2-errors-390-sv");
                    driver.manage().window().setSize(new Dimension(1400, 1000));
                }
            }

            // Submitted, then the links of its acknowledgement: confirmed, status; a second device: already used
            driver.get(url("/request?lang=en"));
            driver.findElement(By.id("type-ACCESS")).click();
            driver.findElement(By.id("name")).sendKeys("Sofia Svensson");
            driver.findElement(By.id("email")).sendKeys("sofia@example.com");
            new Select(driver.findElement(By.id("site"))).selectByValue("SE");
            driver.findElement(By.id("category-contact")).click();
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submitted")));
            everyLanguage(driver, "/request/submitted", "submitted");
            Jobs.executeDue(management);
            MimeMessage acknowledgement = Mails.lastTo(greenMail, "sofia@example.com");
            String confirm = Mails.confirmationPath(acknowledgement);
            everyLanguage(driver, confirm, "confirmation page");
            driver.get(url(confirm));
            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirmed")));
            everyLanguage(driver, confirm, "confirmed");
            everyLanguage(driver, Mails.linkPath(Mails.text(acknowledgement), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+"), "status");
            driver.manage().deleteAllCookies();
            everyLanguage(driver, confirm, "already used");
            everyLanguage(driver, "/confirm?token=" + "x".repeat(43), "unknown link");
            everyLanguage(driver, "/status", "status lookup");
            everyLanguage(driver, "/status?ref=DSR-2026-999999&key=" + "x".repeat(43), "status not found");
            everyLanguage(driver, "/no-such-page", "page not found");

            // A processor's page (Art. 19, 28), in its own language (Swedish), and after it answered
            String party = externalPartyLink();
            driver.get(url(party));
            check(driver, "external party page", ReferenceLanguages.SV);
            driver.findElement(By.id("show-person-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("person")));
            check(driver, "external party page, the person shown", ReferenceLanguages.SV);
            for (int view = 2; view <= 4; view++) {
                driver.get(url(party));
                driver.findElement(By.id("show-person-button")).click();
                // The next page only after this one arrived (else the next get may race the post's navigation).
                wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("person")),
                        ExpectedConditions.presenceOfElementLocated(By.id("person-limit"))));
            }
            assertThat(driver.findElements(By.id("person-limit"))).as("shown as often as allowed").hasSize(1);
            check(driver, "external party page, shown as often as allowed", ReferenceLanguages.SV);
            driver.findElement(By.id("answeredBy")).sendKeys("Hanna Hosting");
            driver.findElement(By.id("outcome-DONE")).click();
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("external-sent")));
            check(driver, "external party answered", ReferenceLanguages.SV);
            driver.get(url(party));
            check(driver, "external party link used", ReferenceLanguages.SV);

            // The reply page, answered once per language; then too many answers (429)
            List<String> replies = new ArrayList<>();
            for (Language language : ReferenceLanguages.values()) {
                replies.add(Mails.linkPath(Mails.text(waitingForEvidence(language)), "/reply\\?token=[A-Za-z0-9_-]+"));
            }
            String spare = Mails.linkPath(Mails.text(waitingForEvidence(ReferenceLanguages.EN)), "/reply\\?token=[A-Za-z0-9_-]+");
            everyLanguage(driver, replies.get(0), "reply");
            for (int i = 0; i < replies.size(); i++) {
                Language language = ReferenceLanguages.values()[i];
                driver.get(url(replies.get(i) + "&lang=" + language));
                driver.findElement(By.id("text")).sendKeys("My customer number is 4711.");
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reply-sent")));
                check(driver, "reply sent", language);
            }
            for (Language language : ReferenceLanguages.values()) {
                driver.get(url(spare + "&lang=" + language));
                driver.findElement(By.id("text")).sendKeys("Again.");
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rate-limited")));
                check(driver, "too many attempts", language);
            }

            everyLanguage(driver, replies.get(1), "reply link used");

            // The answer's download page, and the same link after it expired; an expired confirmation link
            MimeMessage answer = answered();
            String download = Mails.linkPath(Mails.text(answer), "/download\\?token=[A-Za-z0-9_-]+");
            String answeredStatus = statusLinkOf(answer.getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1"));
            everyLanguage(driver, download, "download");
            // The status page of the answered request offers a new download link by email, then says it was sent or that enough were
            everyLanguage(driver, answeredStatus, "status, answered, with a download link");
            // (as many as dsr.response.link-resends, 3 by default: the languages after those on a second answered request)
            int resends = properties.response().linkResends();
            assertThat(resends).as("new links a request may have").isBetween(1, ReferenceLanguages.values().length);
            String resendFrom = answeredStatus;
            for (int i = 0; i < ReferenceLanguages.values().length; i++) {
                Language language = ReferenceLanguages.values()[i];
                if (i == resends) {
                    resendFrom = statusLinkOf(answered().getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1"));
                }
                driver.get(url(resendFrom + "&lang=" + language));
                driver.findElement(By.id("resend-button")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("download-link-sent")));
                check(driver, "status, a new download link sent", language);
            }
            for (Language language : ReferenceLanguages.values()) {
                driver.get(url(answeredStatus + "&lang=" + language));
                assertThat(driver.findElements(By.id("download-link-limit"))).as("as many links as we send, in " + language).hasSize(1);
                check(driver, "status, no more new download links", language);
            }
            String unconfirmed = Mails.confirmationPath(submitted("en", List.of("contact")));
            ClockUtil.setCurrentTime(java.util.Date.from(Instant.now().plus(Duration.ofDays(40))));
            everyLanguage(driver, download, "download expired");
            everyLanguage(driver, answeredStatus, "status key expired");
            driver.manage().deleteAllCookies();
            everyLanguage(driver, unconfirmed, "confirmation expired");
            // The silent party's link once the privacy team was told it had not answered (in its language, English)
            String erasure = runtime.createProcessInstanceQuery().processInstanceBusinessKey(partyReference).singleResult().getId();
            for (List<org.camunda.bpm.engine.runtime.Job> due = dueJobs(erasure); !due.isEmpty(); due = dueJobs(erasure)) {
                due.forEach(job -> management.executeJob(job.getId()));
            }
            driver.get(url(silentPartyLink));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("external-ended")));
            check(driver, "external party link ended", ReferenceLanguages.EN);
            ClockUtil.reset();

            // Every requester email, in every language, as a mail client shows it; each fits a phone
            for (EmailKind kind : EmailKind.values()) {
                if (kind.audience() != EmailKind.Audience.REQUESTER) {
                    continue;
                }
                for (Language language : ReferenceLanguages.values()) {
                    String html = composer.render(kind, language.locale(), SampleEmails.model("Åsa Lind", "DSR-2026-000042")).html();
                    driver.get("data:text/html;charset=utf-8;base64,"
                            + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
                    check(driver, "email " + kind, language);
                    driver.manage().window().setSize(new Dimension(390, 844));
                    long width = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
                    assertThat(width).as(kind + " in " + language + " at 390 px").isLessThanOrEqualTo(390);
                    if (language == ReferenceLanguages.SV) {
                        browser.screenshot("a11y-email-390-" + kind.name().toLowerCase());
                    }
                    driver.manage().window().setSize(new Dimension(1400, 1000));
                }
            }
        }
        System.out.printf("axe-core: %d page states and emails checked, %d violations%n", checked, violations.size());
        assertThat(violations).as(checked + " page states and emails checked").isEmpty();
    }

    /** WCAG 2.5.8: at 390 px, where labels wrap, every radio and checkbox of the request form keeps 24 × 24 px, in every language. */
    @Test
    void everyRadioAndCheckboxOfTheFormIsAtLeast24PixelsAt390PixelsInEveryLanguage() throws Exception {
        // Five replies an hour per address: the five languages' replies, then "too many attempts" in each.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(1000, 1000, 1000, 1000, 5));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            driver.manage().window().setSize(new Dimension(390, 844));
            List<String> tooSmall = new ArrayList<>();
            for (Language language : ReferenceLanguages.values()) {
                driver.get(url("/request?lang=" + language));
                // Every choice on show: a restriction's grounds and the agent's box
                driver.findElement(By.id("type-RESTRICTION")).click();
                driver.findElement(By.id("onBehalf")).click();
                List<WebElement> boxes = driver.findElements(By.cssSelector("input[type=radio], input[type=checkbox]"));
                assertThat(boxes).as("radios and checkboxes in " + language).hasSizeGreaterThan(15);
                long wrapped = 0;
                for (WebElement box : boxes) {
                    assertThat(box.isDisplayed()).as(box.getAttribute("id") + " shown in " + language).isTrue();
                    @SuppressWarnings("unchecked")
                    List<Number> size = (List<Number>) ((JavascriptExecutor) driver).executeScript("""
                            const box = arguments[0].getBoundingClientRect();
                            const label = arguments[0].labels[0].getBoundingClientRect();
                            return [box.width, box.height, label.height];""", box);
                    if (size.get(0).doubleValue() < 24 || size.get(1).doubleValue() < 24) {
                        tooSmall.add(box.getAttribute("id") + " in " + language + ": " + size.get(0) + " × " + size.get(1));
                    }
                    if (size.get(2).doubleValue() > 40) {
                        wrapped++;
                    }
                }
                assertThat(wrapped).as("labels wrapping at 390 px in " + language).isGreaterThan(3);
                if (language == ReferenceLanguages.FI) {
                    browser.screenshot("a11y-choices-390-fi");
                }
            }
            assertThat(tooSmall).as("radios and checkboxes smaller than 24 px").isEmpty();
        }
    }

    /** The download page of an answer with health data: asking for the one-time code, the code sent, a wrong code; every language. */
    @Test
    void theOneTimeCodePagesHaveNoAxeViolationsInAnyLanguage() throws Exception {
        String email = org.dsrflow.testsupport.Requests.newAddress("code");
        String reference = submitted("en", List.of("health"), email).getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1");
        process.emailConfirmed(reference);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.USER_IDENTITY_CHECK).singleResult().getId(),
                Map.of("identityMethod", "KNOWLEDGE", "identityOutcome", "VERIFIED"));
        Jobs.executeDue(management);
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "health", Map.of("data", "An allergy"))));
        }
        Jobs.executeDue(management);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult().getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
        String landing = Mails.linkPath(Mails.text(Mails.lastTo(greenMail, email)), "/download\\?token=[A-Za-z0-9_-]+");
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            everyLanguage(driver, landing, "download, a code asked for");
            driver.get(url(landing));
            driver.findElement(By.id("send-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-sent")));
            browser.screenshot("a11y-download-code-sent");
            everyLanguage(driver, landing + "&code=sent", "download, the code sent");
            // A posted code answers in the request's language (pages reached from its emails speak it): English here.
            driver.get(url(landing + "&code=sent"));
            driver.findElement(By.id("code")).sendKeys("12345x");
            driver.findElement(By.id("check-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-problem")));
            assertThat(driver.findElement(By.id("code")).getAttribute("aria-describedby")).isEqualTo("code-problem");
            check(driver, "download, a wrong code", ReferenceLanguages.EN);
            browser.screenshot("a11y-download-code-wrong");
        }
        assertThat(violations).as(checked + " page states checked").isEmpty();
    }

    /**
     * Art. 20(2): a portability answer's download page with "Have it sent to another organisation" (the code first, then
     * the form, every language), a refused address and the confirmation (English, the request's language), and the
     * organisation's page and an unknown link of it (every language).
     */
    @Test
    void theTransferToAnotherOrganisationHasNoAxeViolationsInAnyLanguage() throws Exception {
        String email = org.dsrflow.testsupport.Requests.newAddress("transfer");
        String reference = org.dsrflow.testsupport.Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(
                "PORTABILITY", "Lars Holm", email, "SE", "en", List.of("contact"), null));
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "contact", Map.of("data", "lars@example.com"))));
        }
        Jobs.executeDue(management);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult().getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
        String landing = Mails.linkPath(Mails.text(Mails.lastTo(greenMail, email)), "/download\\?token=[A-Za-z0-9_-]+");
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            everyLanguage(driver, landing, "download, transfer: the code first");
            driver.get(url(landing));
            driver.findElement(By.id("transfer-send-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-code")));
            java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?m)^(\\d{6})\\s*$")
                    .matcher(Mails.text(Mails.lastTo(greenMail, email)));
            assertThat(digits.find()).isTrue();
            driver.findElement(By.id("transfer-code")).sendKeys(digits.group(1));
            driver.findElement(By.id("transfer-check-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-form")));
            everyLanguage(driver, landing, "download, transfer form");
            driver.get(url(landing));
            driver.findElement(By.id("transfer-organisation")).sendKeys("Nordic Bank AB");
            driver.findElement(By.id("transfer-address")).sendKeys("portability@bank");
            driver.findElement(By.id("transfer-send")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-problems")));
            assertThat(driver.findElement(By.id("transfer-address")).getAttribute("aria-describedby")).isEqualTo("transfer-problem-address");
            check(driver, "download, transfer refused", ReferenceLanguages.EN);
            driver.findElement(By.id("transfer-address")).clear();
            driver.findElement(By.id("transfer-address")).sendKeys("portability@bank.example");
            driver.findElement(By.id("transfer-send")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transferred")));
            check(driver, "download, transferred", ReferenceLanguages.EN);
            String bankLink = Mails.linkPath(Mails.text(Mails.lastTo(greenMail, "portability@bank.example")), "/transfer\\?token=[A-Za-z0-9_-]+");
            everyLanguage(driver, bankLink, "the organisation's page");
            everyLanguage(driver, "/transfer?token=" + "x".repeat(43), "the organisation's page, unknown link");
        }
        assertThat(violations).as(checked + " page states checked").isEmpty();
    }

    /** The restriction's grounds show only when restriction is chosen (CSS, no JavaScript), and a picked ground can be taken back. */
    @Test
    void theRestrictionGroundShowsOnlyForARestrictionAndAPickedGroundCanBeCleared() throws Exception {
        // Five replies an hour per address: the five languages' replies, then "too many attempts" in each.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(1000, 1000, 1000, 1000, 5));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            driver.get(url("/request?lang=en"));
            WebElement ground = driver.findElement(By.id("ground-LEGAL_CLAIMS"));
            for (org.dsrflow.request.RequestType type : org.dsrflow.request.RequestType.values()) {
                if (!type.takesRestrictionGround()) {
                    driver.findElement(By.id("type-" + type)).click();
                    assertThat(ground.isDisplayed()).as("grounds for " + type).isFalse();
                }
            }
            driver.findElement(By.id("type-" + org.dsrflow.request.RequestType.RESTRICTION)).click();
            assertThat(ground.isDisplayed()).as("grounds for a restriction").isTrue();
            ground.click();
            assertThat(ground.isSelected()).isTrue();
            driver.findElement(By.id("ground-none")).click();
            assertThat(driver.findElements(By.cssSelector("input[name=ground]:checked")))
                    .extracting(box -> box.getAttribute("id")).containsExactly("ground-none");
            assertThat(driver.findElement(By.cssSelector("label[for=ground-none]")).getText()).isEqualTo("I would rather not say");
            driver.findElement(By.id("type-ACCESS")).click();
            assertThat(ground.isDisplayed()).as("hidden again").isFalse();
        }
    }

    /** Asking for someone else: the labels say whose name and email address each field is, in every language. */
    @Test
    void actingForSomeoneElseTheLabelsSayWhoseNameAndEmailEachFieldIs() throws Exception {
        Map<Language, List<String>> labels = Map.of(
                ReferenceLanguages.EN, List.of("Your name", "Name of the person you are asking for", "Email address of the person you are asking for", "Your own name", "Your own email address"),
                ReferenceLanguages.SV, List.of("Ditt namn", "Namnet på den person du frågar för", "E-postadressen till den person du frågar för", "Ditt eget namn", "Din egen e-postadress"),
                ReferenceLanguages.NB, List.of("Navnet ditt", "Navnet på personen du spør på vegne av", "E-postadressen til personen du spør på vegne av", "Ditt eget navn", "Din egen e-postadresse"),
                ReferenceLanguages.DA, List.of("Dit navn", "Navnet på den person, du spørger på vegne af", "E-mailadressen på den person, du spørger på vegne af", "Dit eget navn", "Din egen e-mailadresse"),
                ReferenceLanguages.FI, List.of("Nimesi", "Sen henkilön nimi, jonka puolesta kysyt", "Sen henkilön sähköpostiosoite, jonka puolesta kysyt", "Oma nimesi", "Oma sähköpostiosoitteesi"));
        // Five replies an hour per address: the five languages' replies, then "too many attempts" in each.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(1000, 1000, 1000, 1000, 5));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            for (Language language : ReferenceLanguages.values()) {
                List<String> expected = labels.get(language);
                driver.get(url("/request?lang=" + language));
                assertThat(driver.findElement(By.id("name")).getAccessibleName()).as("own request in " + language).isEqualTo(expected.get(0));
                driver.findElement(By.id("onBehalf")).click();
                assertThat(driver.findElement(By.id("name")).getAccessibleName()).as("name in " + language).isEqualTo(expected.get(1));
                assertThat(driver.findElement(By.id("email")).getAccessibleName()).as("email in " + language).isEqualTo(expected.get(2));
                assertThat(driver.findElement(By.cssSelector("label[for=name]")).getText()).as("name label shown in " + language).isEqualTo(expected.get(1));
                assertThat(driver.findElement(By.id("agentName")).getAccessibleName()).as("agent name in " + language).isEqualTo(expected.get(3));
                assertThat(driver.findElement(By.id("agentEmail")).getAccessibleName()).as("agent email in " + language).isEqualTo(expected.get(4));
                // The box comes before the fields whose labels it changes
                assertThat((Boolean) ((JavascriptExecutor) driver).executeScript(
                        "return !!(document.getElementById('onBehalf').compareDocumentPosition(document.getElementById('name')) & Node.DOCUMENT_POSITION_FOLLOWING)"))
                        .as("the agent's box before the person's name in " + language).isTrue();
            }
            // After a failed submit for someone else, the errors name the person too
            driver.get(url("/request?lang=en"));
            driver.findElement(By.id("onBehalf")).click();
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
            assertThat(driver.findElement(By.id("name")).getAccessibleName()).isEqualTo("Name of the person you are asking for");
            assertThat(driver.findElement(By.id("name-error")).getText()).isEqualTo("Enter the name of the person you are asking for (at most 200 characters)");
        }
    }

    /** A link of the error summary brings its field into view with the field's label (or the group's question) above it, at 390 px. */
    @Test
    void followingAnErrorLinkKeepsTheFieldsLabelInView() throws Exception {
        // Five replies an hour per address: the five languages' replies, then "too many attempts" in each.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(1000, 1000, 1000, 1000, 5));
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.manage().window().setSize(new Dimension(390, 844));
            for (Language language : List.of(ReferenceLanguages.EN, ReferenceLanguages.FI)) {
                driver.get(url("/request?lang=" + language));
                driver.findElement(By.id("onBehalf")).click();
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
                List<String> targets = driver.findElements(By.cssSelector("#error-summary a")).stream()
                        .map(link -> link.getAttribute("href").replaceAll(".*#", "")).toList();
                assertThat(targets).as("errors in " + language).hasSizeGreaterThanOrEqualTo(5);
                for (String target : targets) {
                    driver.findElement(By.cssSelector("#error-summary a[href$='#" + target + "']")).click();
                    wait.until(d -> ((String) ((JavascriptExecutor) d).executeScript("return location.hash")).equals("#" + target));
                    @SuppressWarnings("unchecked")
                    List<Number> rect = (List<Number>) ((JavascriptExecutor) driver).executeScript("""
                            const target = document.getElementById(arguments[0]);
                            const group = target.closest('fieldset');
                            const label = target.matches('input[type=radio], input[type=checkbox]') && group ? group.querySelector('legend')
                                : target.matches('input, select, textarea') ? target.labels[0] : target.querySelector('legend, label');
                            const r = label.getBoundingClientRect();
                            return [r.top, r.bottom, window.innerHeight];""", target);
                    assertThat(rect.get(0).doubleValue()).as("top of the label of " + target + " in " + language).isGreaterThanOrEqualTo(0);
                    assertThat(rect.get(1).doubleValue()).as("bottom of the label of " + target + " in " + language)
                            .isLessThanOrEqualTo(rect.get(2).doubleValue());
                }
                browser.screenshot("a11y-error-link-390-" + language);
            }
        }
    }

    /** After a failed submit: focus on the summary, a title saying so, errors in form order, fields described by their errors. */
    private void assertErrorsAreAnnounced(WebDriver driver, Language language) {
        // The browser applies autofocus on its next rendering update after load: wait for it (a busy machine is slower).
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(5))
                    .until(d -> "error-summary".equals(d.switchTo().activeElement().getAttribute("id")));
        } catch (org.openqa.selenium.TimeoutException notFocused) {
            // reported by the assertion below, with what has the focus instead
        }
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus in " + language).isEqualTo("error-summary");
        assertThat(driver.getTitle()).as("title in " + language).startsWith(ERROR.get(language));
        List<String> targets = driver.findElements(By.cssSelector("#error-summary a")).stream()
                .map(link -> link.getAttribute("href").replaceAll(".*#", "")).toList();
        assertThat(targets).as("order in " + language).containsExactly("field-name", "field-email", "field-site");
        List<WebElement> invalid = driver.findElements(By.cssSelector("[aria-invalid=true]"));
        assertThat(invalid).isNotEmpty();
        for (WebElement field : invalid) {
            String describedBy = field.getAttribute("aria-describedby");
            assertThat(describedBy).as(field.getAttribute("id") + " in " + language).isNotBlank();
            String message = driver.findElement(By.id(describedBy.split(" ")[0])).getText();
            assertThat(message).as(field.getAttribute("id") + "'s message in " + language).isNotBlank();
        }
    }

    private void everyLanguage(WebDriver driver, String path, String state) {
        for (Language language : ReferenceLanguages.values()) {
            driver.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
            check(driver, state, language);
        }
    }

    private void check(WebDriver driver, String state, Language language) {
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as(state + " language").isEqualTo(language.name());
        Results results = axe(driver, state + " (" + language + ")");
        checked++;
        for (Rule rule : results.getViolations()) {
            violations.add(state + " (" + language + "): " + rule.getId() + " — " + rule.getHelp() + " — "
                    + rule.getNodes().stream().map(node -> node.getHtml()).limit(3).toList());
        }
    }

    /**
     * axe-core on the page as it is now. A run that errored (its script failed, the page went away) or
     * ran no rules checked nothing: that fails here, it never counts as a page without violations.
     */
    /**
     * The WCAG tags' rules, every one of them; results listed in full only for violations (for passed, incomplete and
     * inapplicable rules axe names the rule with one example node instead of every node: the same verdicts, less to
     * collect and send back on each of the 200-odd runs). Run in axe's legacy mode: {@code axe.run} in the page itself,
     * where the default mode runs each frame's part and then finishes in a new blank window, a new renderer
     * process each time; our pages and emails have no frames, the rules and verdicts are the same, and Chromium's CPU
     * for this class falls from 143 to 91 s (the class alone: 247 → 139 s).
     */
    static final AxeRunOptions RUN = runOptions();

    private static AxeRunOptions runOptions() {
        AxeRunOnlyOptions runOnly = new AxeRunOnlyOptions();
        runOnly.setType("tag");
        runOnly.setValues(TAGS);
        AxeRunOptions options = new AxeRunOptions();
        options.setRunOnly(runOnly);
        options.setResultTypes(List.of("violations"));
        return options;
    }

    static Results axe(WebDriver driver, String what) {
        Results results = new AxeBuilder().withOptions(RUN).setLegacyMode(true).analyze(driver);
        assertThat(results.isErrored()).as("axe-core errored on " + what + ": " + results.getErrorMessage()).isFalse();
        assertThat(results.getPasses().size() + results.getIncomplete().size() + results.getInapplicable().size())
                .as("axe-core rules that passed, were incomplete or inapplicable on " + what).isPositive();
        return results;
    }

    /** An erasure of digital data: the hosting partner's link to its confirmation page. */
    private String externalPartyLink() throws Exception {
        String reference = org.dsrflow.testsupport.Requests.confirmed(intake, management, process,
                new org.dsrflow.intake.NewRequest("ERASURE", "Sofia Svensson", "sofia.erase@example.com", "SE", "sv",
                        List.of("digital"), null));
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("digital", Map.of("action", "erased"), "recipients", "none",
                    "disclosedTo", List.of("google", "hosting-partner"))));
        }
        Jobs.executeDue(management);
        partyReference = reference;
        silentPartyLink = Mails.linkPath(Mails.text(Mails.lastTo(greenMail, "data-protection@ads.example")), "/external\\?token=[A-Za-z0-9_-]+");
        MimeMessage asked = Mails.lastTo(greenMail, "privacy@hosting.example");
        return Mails.linkPath(Mails.text(asked), "/external\\?token=[A-Za-z0-9_-]+");
    }

    /** A request whose privacy team asked the requester for identity evidence; returns that email. */
    private MimeMessage waitingForEvidence(Language language) throws Exception {
        String reference = submitted(language.name(), List.of()).getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1");
        process.emailConfirmed(reference);
        Task check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.USER_IDENTITY_CHECK).singleResult();
        tasks.complete(check.getId(), Map.of("identityMethod", "KNOWLEDGE", "identityOutcome", "NEED_MORE",
                "identityRequest", "Your customer number, please."));
        Jobs.executeDue(management);
        return Mails.lastTo(greenMail, "person@example.com");
    }

    /** An answered access request; returns the answer email. */
    private MimeMessage answered() throws Exception {
        String email = org.dsrflow.testsupport.Requests.newAddress("answered");
        MimeMessage acknowledgement = submitted("en", List.of("contact"), email);
        String reference = acknowledgement.getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1");
        process.emailConfirmed(reference);
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "contact", Map.of("data", "Storgatan 1"))));
        }
        Jobs.executeDue(management);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult().getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
        return Mails.lastTo(greenMail, email);
    }

    private List<org.camunda.bpm.engine.runtime.Job> dueJobs(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).executable().active().list();
    }

    /** The status link of the acknowledgement of a request. */
    private String statusLinkOf(String reference) throws Exception {
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (message.getSubject().contains(reference) && Mails.text(message).contains("/status?ref=")) {
                return Mails.linkPath(Mails.text(message), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");
            }
        }
        throw new AssertionError("no status link for " + reference);
    }

    private MimeMessage submitted(String language, List<String> categories) throws Exception {
        return submitted(language, categories, "person@example.com");
    }

    private MimeMessage submitted(String language, List<String> categories, String email) throws Exception {
        intake.submitReceivedToday(new NewRequest("ACCESS", "Test Person", email, "SE", language, categories, null), Channel.WEB);
        Jobs.executeDue(management);
        return Mails.lastTo(greenMail, email);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
