package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.request.Channel;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The token rules of the requester's links: status key (reveals nothing for a wrong key), the
 * single-use reply link (answer once, clock resumes; used, unknown), the expiring download link.
 */
@SmtpIntegrationTest
class RequesterTokenPagesTest extends WithGreenMail {

    /** The requester's address, one per test (Requests.newAddress). */
    String email;

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
    org.dsrflow.request.RequestRepository requests;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        email = org.dsrflow.testsupport.Requests.newAddress("person");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void statusPageShowsTheStageWithTheKeyFromTheEmailAndNothingWithoutIt() throws Exception {
        String reference = submit("ACCESS", "contact");
        Jobs.executeDue(management);
        String statusPath = Mails.linkPath(Mails.text(last()), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");

        Http.Response status = http.get(statusPath, "Accept-Language", "da");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains(reference, "Vi venter på, at du bekræfter din e-mailadresse.", "Modtaget");
        assertThat(status.body()).doesNotContain(email, "Test Person");

        Http.Response wrong = http.get("/status?ref=" + reference + "&key=" + "x".repeat(43));
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.body()).contains("id=\"not-found\"").doesNotContain(reference + "</span>");
    }

    @Test
    void theStatusKeyWorksWhileTheRequestIsOpenAndStopsThirtyDaysAfterItClosed() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
        String reference = submit("ACCESS", "contact");
        Jobs.executeDue(management);
        String statusPath = Mails.linkPath(Mails.text(last()), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");
        String key = statusPath.substring(statusPath.indexOf("key=") + 4);
        // Never confirmed: closed when the confirmation time has passed.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-19T08:00:00Z")));
        Jobs.executeDue(management);
        Instant closed = requests.findByReference(reference).orElseThrow().closedAt();
        assertThat(closed).isNotNull();

        ClockUtil.setCurrentTime(Date.from(closed.plus(java.time.Duration.ofDays(29))));
        Http.Response open = http.get(statusPath);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).contains("id=\"stage\"", reference);
        assertThat(http.get("/api/requests/" + reference, "X-Status-Key", key).status()).isEqualTo(200);

        ClockUtil.setCurrentTime(Date.from(closed.plus(java.time.Duration.ofDays(30))));
        Http.Response expired = http.get(statusPath);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("id=\"key-expired\"").doesNotContain("id=\"stage\"");
        Http.Response api = http.get("/api/requests/" + reference, "X-Status-Key", key);
        assertThat(api.status()).isEqualTo(410);
        assertThat(api.body()).doesNotContain("CLOSED_UNCONFIRMED");
        Http.Response typed = http.postForm("/status", java.util.Map.of("ref", reference, "key", key,
                "_csrf", Http.csrf(http.get("/status").body())));
        assertThat(typed.status()).isEqualTo(410);
    }

    @Test
    void replyLinkTakesOneAnswerResumesTheClockAndThenSaysItWasUsed() throws Exception {
        String reference = submit("ACCESS", "health");
        Jobs.executeDue(management);
        process.emailConfirmed(reference);
        var check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
        tasks.complete(check.getId(), Map.of("identityMethod", "KNOWLEDGE", "identityOutcome", "NEED_MORE",
                "identityRequest", "The city of the course you attended."));
        Jobs.executeDue(management);
        String replyPath = Mails.linkPath(Mails.text(last()), "/reply\\?token=[A-Za-z0-9_-]+");

        Http.Response form = http.get(replyPath);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains(reference, "name=\"_csrf\"");
        String csrf = csrf(form.body());
        String token = replyPath.substring(replyPath.indexOf('=') + 1);

        Http.Response empty = http.postForm("/reply", Map.of("token", token, "text", " ", "_csrf", csrf));
        assertThat(empty.status()).isEqualTo(400);
        Http.Response sent = http.postForm("/reply", Map.of("token", token, "text", "Stockholm, May 2025", "_csrf", csrf));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"reply-sent\"");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).count()).isEqualTo(1);

        Http.Response again = http.get(replyPath);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("id=\"reply-used\"");
        assertThat(http.get("/reply?token=" + "y".repeat(43)).status()).isEqualTo(404);
    }

    @Test
    void downloadLinkShowsItsExpiryAndExplainsWhenItHasExpired() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
        String reference = submit("ACCESS", "digital");
        Jobs.executeDue(management);
        process.emailConfirmed(reference);
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "digital", Map.of("data", "IP 192.0.2.7"))));
        }
        Jobs.executeDue(management);
        var review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
        tasks.complete(review.getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
        String downloadPath = Mails.linkPath(Mails.text(last()), "/download\\?token=[A-Za-z0-9_-]+");

        Http.Response landing = http.get(downloadPath);
        assertThat(landing.body()).contains("id=\"expires\"", "3. juni 2026");
        assertThat(Links.download(http, downloadPath, "html").body()).contains("IP 192.0.2.7");

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-04T08:00:00Z")));
        Http.Response expired = http.get(downloadPath);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("id=\"expired\"").doesNotContain("IP 192.0.2.7");
        Http.Response file = http.postForm("/download/file", Map.of("token", Links.token(downloadPath), "format", "html",
                "_csrf", Http.csrf(landing.body())));
        assertThat(file.status()).isEqualTo(410);
        assertThat(file.body()).contains("id=\"expired\"").doesNotContain("IP 192.0.2.7");
    }

    @Test
    void theEvidenceRequestEmailAsksForTheAnswerThroughItsLinkAndTheReplyPageRepeatsWhatWeAsked() throws Exception {
        String reference = submit("ACCESS", "health");
        Jobs.executeDue(management);
        process.emailConfirmed(reference);
        var check = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK).singleResult();
        tasks.complete(check.getId(), Map.of("identityMethod", "KNOWLEDGE", "identityOutcome", "NEED_MORE",
                "identityRequest", "The <b>city</b> of the course you attended."));
        Jobs.executeDue(management);
        MimeMessage ask = last();

        // One way to answer: the link (the request is in Danish). Not "reply to this email" as well.
        for (String body : java.util.List.of(Mails.text(ask), Mails.html(ask))) {
            assertThat(body).contains("via linket nedenfor", "/reply?token=")
                    .doesNotContain("på denne e-mail med", "Du kan svare her");
        }
        String replyPath = Mails.linkPath(Mails.text(ask), "/reply\\?token=[A-Za-z0-9_-]+");
        Http.Response page = http.get(replyPath);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"asked\"", "Det bad vi dig om:", "The &lt;b&gt;city&lt;/b&gt; of the course you attended.")
                .doesNotContain("<b>city</b>", "i vores e-mail");
    }

    @Test
    void theStatusPageOffersANewDownloadLinkByEmailWhileTheAnswersLinkWorks() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-04T08:00:00Z")));
        String reference = submit("ACCESS", "digital");
        Jobs.executeDue(management);
        String statusPath = Mails.linkPath(Mails.text(last()), "/status\\?ref=[^\\s]+&key=[A-Za-z0-9_-]+");
        String key = statusPath.substring(statusPath.indexOf("key=") + 4);
        answer(reference);
        String answerLink = Mails.linkPath(Mails.text(last()), "/download\\?token=[A-Za-z0-9_-]+");
        int sentBefore = greenMail.getReceivedMessages().length;

        Http.Response status = http.get(statusPath);
        assertThat(status.body()).contains("id=\"download-offer\"", "4. maj 2026", "3. juni 2026", "id=\"resend-button\"")
                .doesNotContain("/download?token=", "IP 192.0.2.7", email);
        // A wrong key sends nothing
        Http.Response wrong = http.postForm("/status/download-link", Map.of("ref", reference, "key", "x".repeat(43),
                "_csrf", Http.csrf(status.body())));
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(greenMail.getReceivedMessages()).hasSize(sentBefore);

        // The button emails a new link to the request's address; the page shows no link itself
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-20T08:00:00Z")));
        Http.Response sent = http.postForm("/status/download-link", Map.of("ref", reference, "key", key,
                "_csrf", Http.csrf(status.body())));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"download-link-sent\"", "3. juni 2026").doesNotContain("/download?token=");
        assertThat(greenMail.getReceivedMessages()).hasSize(sentBefore + 1);
        MimeMessage resent = last();
        assertThat(resent.getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(resent.getSubject()).contains(reference);
        String newLink = Mails.linkPath(Mails.text(resent), "/download\\?token=[A-Za-z0-9_-]+");
        assertThat(newLink).isNotEqualTo(answerLink);
        assertThat(Mails.html(resent)).contains(">http://localhost:" + port + newLink + "</a>");
        assertThat(http.get(newLink).body()).contains("id=\"expires\"", "3. juni 2026");
        assertThat(Links.download(http, newLink, "html").body()).contains("IP 192.0.2.7");
        assertThat(Links.download(http, answerLink, "html").body()).as("the answer's own link still works").contains("IP 192.0.2.7");

        // At most three new links per request
        for (int press = 2; press <= 3; press++) {
            assertThat(http.postForm("/status/download-link", Map.of("ref", reference, "key", key,
                    "_csrf", Http.csrf(status.body()))).body()).contains("id=\"download-link-sent\"");
        }
        Http.Response enough = http.postForm("/status/download-link", Map.of("ref", reference, "key", key,
                "_csrf", Http.csrf(status.body())));
        assertThat(enough.body()).contains("id=\"download-link-limit\"").doesNotContain("id=\"download-link-sent\"");
        assertThat(greenMail.getReceivedMessages()).hasSize(sentBefore + 3);

        // Once the documents have expired (as the status key, 30 days after the answer), nothing is offered or sent
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-04T08:00:00Z")));
        assertThat(http.get(statusPath).body()).doesNotContain("id=\"download-offer\"");
        assertThat(http.postForm("/status/download-link", Map.of("ref", reference, "key", key,
                "_csrf", Http.csrf(status.body()))).body()).doesNotContain("id=\"download-link-sent\"");
        assertThat(greenMail.getReceivedMessages()).hasSize(sentBefore + 3);
    }

    private String submit(String type, String category) {
        return intake.submitReceivedToday(new NewRequest(type, "Test Person", email, "DK", "da",
                java.util.List.of(category), null), Channel.WEB).request().reference();
    }

    /** Confirms an access request to digital data, the departments find it, the privacy team approves: the answer is sent. */
    private void answer(String reference) {
        process.emailConfirmed(reference);
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "digital", Map.of("data", "IP 192.0.2.7"))));
        }
        Jobs.executeDue(management);
        var review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
        tasks.complete(review.getId(), Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
    }


    /** The requester's last email (the departments get emails about their tasks too). */
    private MimeMessage last() {
        return Mails.lastTo(greenMail, email);
    }


    private static String csrf(String body) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }
}
