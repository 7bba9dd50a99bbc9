package org.dsrflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The privacy team in Camunda Tasklist as it ships: asks the requester a question from the review
 * form; the requester answers on the reply page; the next review says so and links to the answer;
 * the reviewer then charges a fee (number and text fields), and records the payment in the
 * "Record the fee payment" form (a date field); the answer is sent. A repeat is refused in the triage
 * task before any department acts. Screenshots: target/screenshots/tasklist-review-*.png,
 * tasklist-triage-refuse.png.
 */
@SmtpIntegrationTest
class TasklistClarificationAndFeeBrowserTest extends org.dsrflow.testsupport.WithGreenMailImap {

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
    JdbcClient jdbc;
    @Autowired
    org.dsrflow.inbox.InboxReader inbox;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        }
    }

    @Test
    void privacyTeamAsksAQuestionReadsTheAnswerChargesAFeeAndRecordsThePaymentInTasklist() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Review and approve answer", reference);
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Ask the requester a question first')]"))));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='field_clarification_question']")));
            // The field whose text reaches the requester says which language they read (form-js evaluates it).
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                    .contains("The requester reads English: write in that language.");
            fill(driver, "textarea[id$='field_clarification_question']", "Which of your two accounts do you mean?");
            browser.screenshot("tasklist-review-1-question");
            complete(driver, wait);
            until(browser, wait, d -> reviewCount(reference) == 0, "tasklist-review-1-question-not-completed");
        }
        Jobs.executeDue(management);

        answerOnTheReplyPage(reference, "Which of your two accounts do you mean?", "The private one.");

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Review and approve answer", reference);
            WebElement answered = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),'Read the question and the answer')]")));
            String questionsUrl = answered.getAttribute("href");
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText()).contains("The requester answered our question");
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Charge a reasonable fee first')]"))));
            Map<String, String> fee = new java.util.LinkedHashMap<>();
            fee.put("input[id$='field_fee_amount']", "450");
            fee.put("textarea[id$='field_fee_reasons']", "Your fourth identical request this year.");
            fee.put("textarea[id$='field_fee_calculation']", "Two hours at SEK 225.");
            fee.put("textarea[id$='field_fee_payment']", "Bankgiro 123-4567.");
            fee.forEach((css, text) -> fill(driver, css, text));
            // Each field still holds what was typed once all are filled.
            fee.forEach((css, text) -> {
                if (!text.equals(driver.findElement(By.cssSelector(css)).getDomProperty("value"))) {
                    fill(driver, css, text);
                }
            });
            browser.screenshot("tasklist-review-2-fee");
            complete(driver, wait);
            until(browser, wait, d -> reviewCount(reference) == 0, "tasklist-review-2-fee-not-completed");

            // The reviewer's session opens the questions page the form linked to.
            driver.get(questionsUrl);
            assertThat(driver.getPageSource()).contains("Which of your two accounts do you mean?", "The private one.");
            browser.screenshot("tasklist-review-3-questions");
        }
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains("450.00 SEK", "Your fourth identical request this year.");

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Record the fee payment", reference);
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Paid: send the answer')]"))));
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
            WebElement date = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id*='field_fee_paid_on']")));
            date.sendKeys("%02d/%02d/%d".formatted(today.getMonthValue(), today.getDayOfMonth(), today.getYear()));
            date.sendKeys(org.openqa.selenium.Keys.TAB);
            browser.screenshot("tasklist-review-4-payment");
            complete(driver, wait);
            until(browser, wait, d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_FEE_PAYMENT).count() == 0, "tasklist-review-4-not-completed");
        }
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).isEqualTo("Our answer to your request " + reference);
        assertThat(jdbc.sql("select f.outcome || ' ' || f.paid_on || ' ' || f.recorded_by from dsr_fee f join dsr_request r on r.id = f.request_id where r.reference = :ref")
                .param("ref", reference).query(String.class).single())
                .isEqualTo("PAID " + LocalDate.now(ZoneId.of("Europe/Stockholm")) + " " + TestUsers.of("privacy"));
    }

    /**
     * While the departments work, the privacy team asks from Tasklist's "Start process" (the start form "Ask a
     * requester a question"); the departments' tasks stay open; the requester's answer comes back as the task
     * "Read the requester's answer". Screenshots: tasklist-ask-1-form.png, tasklist-ask-2-answered.png.
     */
    @Test
    void privacyTeamAsksFromTasklistWhileTheDepartmentsWorkAndReadsTheAnswerInItsTask() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        DepartmentWork work = new DepartmentWork(tasks, management);
        int departments = work.tasks(reference).size();
        assertThat(departments).isPositive();

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//a[contains(normalize-space(),'Start process')]"))));
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(text(),'Ask a requester a question')]"))));
            fill(driver, "input[id$='field_reference']", reference);
            fill(driver, "textarea[id$='field_question']", "Which of your two customer numbers should we search under?");
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                    .contains("their tasks stay open", "The clock follows the site's rule", "in the requester's language");
            browser.screenshot("tasklist-ask-1-form");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button[ng-click='startProcessInstance()']"))));
            until(browser, wait, d -> jdbc.sql("""
                    select count(*) from dsr_clarification c join dsr_request r on r.id = c.request_id where r.reference = :ref""")
                    .param("ref", reference).query(Long.class).single() == 1, "tasklist-ask-not-started");
        }
        Jobs.executeDue(management);
        assertThat(work.tasks(reference)).hasSize(departments);
        answerOnTheReplyPage(reference, "Which of your two customer numbers should we search under?", "Search under 4711.");

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Read the requester", reference);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'answered our question')]")));
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                    .contains("The requester answered our question about " + reference, "Read the question and the answer");
            browser.screenshot("tasklist-ask-2-answered");
            complete(driver, wait);
            until(browser, wait, d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_QUESTION_ANSWERED).count() == 0, "tasklist-ask-not-read");
        }
        assertThat(work.tasks(reference)).hasSize(departments);
    }

    /**
     * A repeat waits in "Decide before the departments act"; refused there with the register's standard reason
     * (picked in Tasklist's select) and a sentence of our own, no department ever gets a task.
     */
    @Test
    void privacyTeamRefusesARepeatInTheTriageTaskBeforeAnyDepartmentActs() throws Exception {
        TestUsers.ensure(identity);
        NewRequest erasure = new NewRequest("ERASURE", "Rita Repeat", "rita.repeat@example.com", "SE", "en", List.of("contact"), null);
        String first = Requests.confirmed(intake, management, process, erasure);
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(first)) {
            work.complete(task, Map.of("contact", Map.of("action", "erased"), "recipients", "none"));
        }
        work.approve(first);
        String repeat = Requests.confirmed(intake, management, process, erasure);
        assertThat(work.tasks(repeat)).isEmpty();

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Decide before the departments act", repeat);
            // Tasklist's diagram of the task: the triage sits before the departments, drawn where the model puts it.
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//a[normalize-space()='Diagram']"))));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='user_triage']")));
            browser.screenshot("tasklist-triage-diagram");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Form']"))));
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Refuse the request')]"))));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='field_review_comment']")));
            assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText())
                    .contains("No department has searched, erased or corrected anything yet", "Repeat request (GDPR Art. 12(5))", first,
                            "Let the departments search", "The requester reads English: write in that language.");
            // The register's standard reasons, by their staff labels; the requester reads the picked one's text.
            // form-js opens its select and picks an option on real mouse events (a script's click does neither).
            nativeClick(driver, driver.findElement(By.cssSelector("[id$='field_refusal_reason-display']")));
            List<String> offered = wait.until(d -> {
                List<String> items = d.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream().map(WebElement::getText).toList();
                return items.isEmpty() ? null : items;
            });
            assertThat(offered).containsExactly("Repeats a recent request and nothing has changed (excessive, Art. 12(5)(b))",
                    "Manifestly unfounded: clearly not made to exercise the right (Art. 12(5)(b)); add the facts");
            nativeClick(driver, driver.findElement(By.xpath(
                    "//*[contains(@class,'fjs-dropdownlist-item')][starts-with(normalize-space(),'Repeats a recent request')]")));
            fill(driver, "textarea[id$='field_review_comment']", "We erased your data this week; nothing is left to erase.");
            browser.screenshot("tasklist-triage-refuse");
            complete(driver, wait);
            until(browser, wait, d -> tasks.createTaskQuery().processInstanceBusinessKey(repeat)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_TRIAGE).count() == 0, "tasklist-triage-not-completed");
        }
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, repeat))).contains("Your request repeats a request of yours that we answered",
                "nothing is left to erase", "Integritetsskyddsmyndigheten");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(repeat).count()).isZero();
        assertThat(Mails.subjectsAbout(greenMail, repeat)).hasSize(2);
    }

    /**
     * Issue 24: the privacy team follows "Review the departments' files" from its review task, sees each file with a
     * preview, includes the photo, excludes the email with a reason and replaces the chat with a redacted version it
     * uploads, then approves in Tasklist. Screenshots: review-files-1-undecided.png, review-files-2-decided.png.
     */
    @Test
    void privacyTeamReviewsTheDepartmentsFilesFromItsTaskThenApproves() throws Exception {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person",
                Requests.newAddress("review-files"), "SE", "en", List.of("digital"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        Http api = new Http(port);
        Task marketing = work.task(reference, "marketing");
        String files = "/api/staff/tasks/" + marketing.getId() + "/files";
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream pngBytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", pngBytes);
        byte[] png = pngBytes.toByteArray();
        for (Object[] file : List.of(new Object[] {"photo.png", png},
                new Object[] {"complaint.eml", ("From: a@example.org\r\nTo: b@example.org\r\nSubject: About Bob\r\n"
                        + "Date: Mon, 7 Dec 2026 10:00:00 +0100\r\n\r\nBob wrote this.\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)},
                new Object[] {"chat.txt", "Anna: hello\nBob: hi Anna".getBytes(java.nio.charset.StandardCharsets.UTF_8)})) {
            assertThat(api.postMultipart(files, Map.of("category", "digital"), "file", (String) file[0], (byte[]) file[1],
                    "Authorization", TestUsers.auth("marketing")).status()).isEqualTo(201);
        }
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "yes", "digital", Map.of("data", "Photos, emails and chats")));
        }
        java.nio.file.Path redacted = java.nio.file.Files.createTempFile("chat-redacted", ".txt");
        java.nio.file.Files.writeString(redacted, "Anna: hello\nBob: [removed]");

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Review and approve answer", reference);
            String reviewUrl = driver.getCurrentUrl();
            String filesUrl = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),\"Review the departments' files\")]"))).getAttribute("href");
            driver.get(filesUrl);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undecided")));
            assertThat(driver.findElement(By.id("undecided")).getText()).isEqualTo("3 of 3 files still wait for your decision.");
            WebElement preview = driver.findElement(By.cssSelector("img[alt='Preview of photo.png']"));
            wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", preview)).intValue() == 16);
            browser.screenshot("review-files-1-undecided");

            String eml = section(driver, "complaint.eml");
            String chat = section(driver, "chat.txt");
            nativeClick(driver, driver.findElement(By.id("include-" + section(driver, "photo.png"))));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undecided")));
            driver.findElement(By.id("reason-" + eml)).sendKeys("It is mostly about another customer.");
            nativeClick(driver, driver.findElement(By.id("exclude-" + eml)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision-" + eml), "Excluded"));
            driver.findElement(By.id("redacted-" + chat)).sendKeys(redacted.toString());
            driver.findElement(By.id("note-" + chat)).sendKeys("We removed the other participant's messages.");
            nativeClick(driver, driver.findElement(By.id("replace-" + chat)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("undecided"), "All 3 files are decided."));
            assertThat(driver.findElement(By.id("decision-" + chat)).getText()).contains("Replaced by the redacted version", "chat-redacted");
            browser.screenshot("review-files-2-decided");

            driver.get(reviewUrl);
            Tasklist.click(driver, wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//label[contains(normalize-space(),'Approve and send the answer')]"))));
            complete(driver, wait);
            until(browser, wait, d -> reviewCount(reference) == 0, "review-files-3-not-approved");
        }
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).isEqualTo("Our answer to your request " + reference);
        assertThat(jdbc.sql("select d.content from dsr_document d join dsr_request r on r.id = d.request_id where r.reference = :ref and d.kind = 'html'")
                .param("ref", reference).query(String.class).single())
                .contains("photo.png", "chat-redacted", "It is mostly about another customer.").doesNotContain("complaint.eml");
    }

    /**
     * A letter without an email address: after the approval, the privacy team's task "Post the answer letter" links to
     * the letter page (the postal address, the PDF, the package); the team records the day posted in the form's date
     * field and the request is answered. Screenshots: post-letter-1-page.png, post-letter-2-form.png.
     */
    @Test
    void privacyTeamPostsTheAnswerLetterFromItsTasklistTaskAndRecordsTheDay() throws Exception {
        TestUsers.ensure(identity);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        Http api = new Http(port);
        Http.Response registered = api.postJson("/api/staff/requests", """
                {"type": "ACCESS", "name": "Per Brev", "postalAddress": "Storgatan 1\\n111 22 Stockholm", "site": "SE",
                 "language": "en", "categories": ["digital"], "receivedOn": "%s", "channel": "POST", "identityCheck": "KNOWLEDGE"}"""
                .formatted(today.minusDays(1)), "Authorization", TestUsers.auth("privacy"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String reference = registered.json().get("reference").asText();
        Jobs.executeDue(management);
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "yes", "digital", Map.of("data", "Photos from the 2026 event")));
        }
        work.approve(reference);

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "Post the answer letter", reference);
            String taskUrl = driver.getCurrentUrl();
            // Where the request waits, on the process diagram (the letter's step after "Send answer").
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Diagram']"))));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='user_post_answer']")));
            browser.screenshot("post-letter-0-diagram");
            Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Form']"))));
            String letterUrl = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//a[contains(normalize-space(),'Open the letter and the package')]"))).getAttribute("href");
            driver.get(letterUrl);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("letters")));
            assertThat(driver.findElement(By.id("postal-address")).getText()).contains("Per Brev", "Storgatan 1", "111 22 Stockholm");
            assertThat(driver.findElement(By.id("letters")).getText()).contains("Answer", "not yet posted", "Download the letter (PDF)");
            assertThat(driver.findElement(By.id("package")).getText()).isEqualTo("Download the package (zip)");
            browser.screenshot("post-letter-1-page");

            driver.get(taskUrl);
            WebElement date = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id*='field_posted_on']")));
            date.sendKeys("%02d/%02d/%d".formatted(today.getMonthValue(), today.getDayOfMonth(), today.getYear()));
            date.sendKeys(org.openqa.selenium.Keys.TAB);
            browser.screenshot("post-letter-2-form");
            complete(driver, wait);
            until(browser, wait, d -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_POST_ANSWER).count() == 0, "post-letter-3-not-completed");
        }
        Jobs.executeDue(management);
        assertThat(jdbc.sql("select l.posted_on || ' ' || l.posted_by || ' ' || r.status from dsr_letter l join dsr_request r on r.id = l.request_id where r.reference = :ref")
                .param("ref", reference).query(String.class).single())
                .isEqualTo(today + " " + TestUsers.of("privacy") + " ANSWERED");
    }

    /** The id of the file section headed {@code name} on the review page. */
    private static String section(WebDriver driver, String name) {
        return driver.findElement(By.xpath("//section[h2[normalize-space()='" + name + "']]")).getAttribute("id").substring("file-".length());
    }

    /** The requester opens the link of our last email, sees our question and answers it on the reply page. */
    private void answerOnTheReplyPage(String reference, String question, String answer) throws Exception {
        Http http = new Http(port);
        String replyPath = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/reply\\?token=[A-Za-z0-9_-]+");
        Http.Response page = http.get(replyPath);
        assertThat(page.body()).contains(question);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        assertThat(http.postForm("/reply", Map.of("token", replyPath.substring(replyPath.indexOf('=') + 1),
                "text", answer, "_csrf", csrf.group(1))).status()).isEqualTo(200);
    }

    private long reviewCount(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).count();
    }

    /** Opens the privacy team's filter and the task with this name, and claims it (Tasklist completes claimed tasks only). */
    /**
     * A new email to the privacy mailbox (issue 25): the privacy team opens its task in Tasklist, follows the link to the
     * email's page (sender, text), comes back and registers it with the suggestions the form was pre-filled with.
     * Screenshots: target/screenshots/inbox-*.png.
     */
    @Test
    void privacyTeamOpensTheNewEmailTaskReadsTheEmailAndRegistersItInTasklist() throws Exception {
        TestUsers.ensure(identity);
        jakarta.mail.internet.MimeMessage email = new jakarta.mail.internet.MimeMessage(greenMail.getSmtp().createSession());
        email.setFrom(new jakarta.mail.internet.InternetAddress("asa@example.se", "Åsa Ørsted", "UTF-8"));
        email.setRecipients(jakarta.mail.Message.RecipientType.TO, PRIVACY_MAILBOX);
        email.setSubject("Begäran om registerutdrag", "UTF-8");
        email.setText("Hej, jag vill ha tillgång till mina personuppgifter. Vänliga hälsningar, Åsa", "UTF-8");
        jakarta.mail.Transport.send(email);
        jdbc.sql("delete from dsr_inbox_message").update();
        assertThat(inbox.readNow()).isEqualTo(1);
        long id = jdbc.sql("select max(id) from dsr_inbox_message").query(Long.class).single();

        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Tasklist.login(driver, wait, port, "privacy");
            openTask(driver, wait, "New email to the privacy mailbox", "message-" + id);
            WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[contains(normalize-space(),'Open the email')]")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[contains(normalize-space(),'A request: register it')]")));
            browser.screenshot("inbox-1-task");
            String taskUrl = driver.getCurrentUrl();
            driver.get(link.getAttribute("href"));
            assertThat(driver.getPageSource()).contains("Åsa Ørsted", "asa@example.se", "jag vill ha tillgång");
            browser.screenshot("inbox-2-email");
            driver.get(taskUrl);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[contains(normalize-space(),'Open the email')]")));
            browser.screenshot("inbox-3-register");
            complete(driver, wait);
            until(browser, wait, d -> "REGISTERED".equals(jdbc.sql("select status from dsr_inbox_message where id = :id")
                    .param("id", id).query(String.class).single()), "inbox-3-not-registered");
        }
        String registered = jdbc.sql("select r.type || ' ' || r.language || ' ' || r.site || ' ' || r.channel || ' ' || r.requester_email"
                + " from dsr_request r join dsr_inbox_message m on m.request_id = r.id where m.id = :id").param("id", id)
                .query(String.class).single();
        assertThat(registered).isEqualTo("ACCESS sv SE EMAIL asa@example.se");
    }

    private void openTask(WebDriver driver, WebDriverWait wait, String name, String reference) {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Privacy team tasks')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'tasks-list')]//*[contains(text(),'" + name + "')]"))).click();
        WebElement claim = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'claim') or @ng-click='claim()'][contains(normalize-space(),'Claim')]")));
        claim.click();
        wait.until(d -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskAssignee(TestUsers.of("privacy")).count() == 1);
    }

    /**
     * Types into a form field and leaves it, as a user does; form-js takes a value after a short
     * debounce, and a field left before that can come back empty when the form renders again: then
     * it is typed again, like a user would.
     */
    private static void fill(WebDriver driver, String css, String text) {
        for (int attempt = 1; ; attempt++) {
            WebElement field = new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
            field.clear();
            field.sendKeys(text, org.openqa.selenium.Keys.TAB);
            try {
                new WebDriverWait(driver, Duration.ofSeconds(2)).until(d -> text.equals(d.findElement(By.cssSelector(css))
                        .getDomProperty("value")));
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Waits for {@code done}; a screenshot shows what Tasklist said when it does not come. */
    private static void until(Browser browser, WebDriverWait wait, java.util.function.Function<WebDriver, Boolean> done, String name)
            throws java.io.IOException {
        try {
            wait.until(done::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot(name);
            throw e;
        }
    }

    private static void nativeClick(WebDriver driver, WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void complete(WebDriver driver, WebDriverWait wait) {
        Tasklist.click(driver, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
    }
}
