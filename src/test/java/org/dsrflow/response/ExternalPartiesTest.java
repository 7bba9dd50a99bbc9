package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Processors and recipients (Art. 19, 28) asked through their secure link after an erasure: each
 * party the register names with a contact address gets an email in its language; one confirms on
 * its page (CSRF, single use), the other stays silent, is reminded and reported to the privacy team;
 * the compiled answer and the requester's answer say who was told and who confirmed.
 */
@SmtpIntegrationTest
class ExternalPartiesTest extends WithGreenMail {

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
    RequestRepository requests;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aProcessorConfirmsTheErasureThroughItsLinkAndASilentOneIsChasedThenTheAnswerSaysWhoConfirmed() throws Exception {
        Http http = new Http(port);
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ERASURE", "Eva Ek",
                "eva.parties@example.com", "SE", "sv", List.of("digital"), null));
        for (var task : work.tasks(reference)) {
            work.complete(task, work.department(task).equals("webdigital")
                    ? Map.of("digital", Map.of("action", "erased"), "recipients", "none", "disclosedTo", List.of("google", "hosting-partner"))
                    : Map.of("digital", Map.of("action", "none"), "recipients", "none"));
        }
        Jobs.executeDue(management);

        // Both parties of digital data are asked, each in its language, without the person's data in the email.
        MimeMessage google = Mails.lastTo(greenMail, "data-protection@ads.example");
        String crmText = Mails.everything(Mails.lastTo(greenMail, "privacy@hosting.example"));
        assertThat(crmText).contains(reference, "radering", "Digitala uppgifter", "artikel 28.3").doesNotContain("eva.parties@example.com");
        assertThat(Mails.everything(google)).contains(reference, "erasure", "Digital", "Art. 19");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).count()).isZero();

        // The hosting partner (a processor) opens its link, in Swedish, and confirms; the link works once.
        String link = link(crmText);
        Http.Response page = http.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(reference, "Digitala uppgifter", "name=\"_csrf\"").doesNotContain("eva.parties@example.com");
        Http.Response person = http.postForm("/external/person", Map.of("token", token(link), "_csrf", csrf(page.body())));
        assertThat(person.body()).contains("Eva Ek", "eva.parties@example.com");
        Http.Response noCsrf = http.postForm("/external", Map.of("token", token(link), "answeredBy", "Carl CRM", "outcome", "DONE"));
        assertThat(noCsrf.status()).isEqualTo(403);
        String csrf = csrf(page.body());
        Http.Response bad = http.postForm("/external", Map.of("token", token(link), "answeredBy", " ", "outcome", "NOT_DONE", "_csrf", csrf));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Ange ert namn");
        Http.Response sent = http.postForm("/external", Map.of("token", token(link), "answeredBy", "Carl CRM", "outcome", "DONE",
                "statement", "Deleted from the CRM and its backups' index on 3 May.", "_csrf", csrf));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("Tack");
        assertThat(http.get(link).status()).isEqualTo(410);
        Map<String, Object> recorded = jdbc.sql("select answered_by, outcome, statement from dsr_external_task where party = 'hosting-partner'"
                + " and request_id = :id").param("id", requests.findByReference(reference).orElseThrow().id()).query().singleRow();
        assertThat(recorded).containsEntry("answered_by", "Carl CRM").containsEntry("outcome", "DONE");

        // Google stays silent: a reminder, then the privacy team is told, and the review opens.
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(6))));
        Jobs.executeDue(management);
        assertThat(aboutTo(reference, "data-protection@ads.example")).isEqualTo(2);
        assertThat(aboutTo(reference, "privacy@hosting.example")).isEqualTo(1);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "data-protection@ads.example"))).contains("Reminder", reference);
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(11))));
        Jobs.executeDue(management);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "privacy@example.org"))).contains("has not confirmed", "Google (analytics and advertising", reference);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).count()).isEqualTo(1);

        work.approve(reference);
        String answer = Mails.everything(Mails.lastTo(greenMail, "eva.parties@example.com"));
        assertThat(answer).contains(reference, "artikel 19", "Vår partner för webbhotell: bekräftat den",
                "Google (analys och annonsering, med ditt samtycke): tillfrågad den", "ingen bekräftelse ännu")
                .doesNotContain("Carl CRM", "backups");
    }

    /** Google may receive digital data (the register), but the department says it did not receive this person's. */
    @Test
    void aPartyTheDepartmentDidNotTickIsNeverToldAboutThePerson() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ERASURE", "Olle Ort",
                "olle.parties@example.com", "SE", "sv", List.of("digital"), null));
        long googleBefore = Mails.countTo(greenMail, "data-protection@ads.example");
        // A party the register does not name as a recipient of the department's categories is refused, naming it.
        var digital = work.task(reference, "webdigital");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.complete(digital, Map.of("digital", Map.of("action", "erased"),
                        "recipients", "none", "disclosedTo", List.of("hosting-partner", "acme-unknown"))))
                .hasMessageContaining("acme-unknown").hasMessageContaining("hosting-partner");
        for (var task : work.tasks(reference)) {
            work.complete(task, work.department(task).equals("webdigital")
                    ? Map.of("digital", Map.of("action", "erased"), "recipients", "our hosting partner",
                            "disclosedTo", List.of("hosting-partner"))
                    : Map.of("digital", Map.of("action", "none"), "recipients", "none"));
        }
        Jobs.executeDue(management);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "privacy@hosting.example"))).contains(reference);
        assertThat(Mails.countTo(greenMail, "data-protection@ads.example")).isEqualTo(googleBefore);
        assertThat(jdbc.sql("select party from dsr_external_task where request_id = :id")
                .param("id", requests.findByReference(reference).orElseThrow().id()).query(String.class).list())
                .containsExactly("hosting-partner");
    }

    /** The emails to {@code address} about {@code reference} (other requests of this class may write to the same party). */
    private static long aboutTo(String reference, String address) throws Exception {
        long count = 0;
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (Mails.recipient(message).equals(address) && Mails.everything(message).contains(reference)) {
                count++;
            }
        }
        return count;
    }

    private static String link(String text) {
        Matcher matcher = Pattern.compile("https?://[^\\s\"<>]+(/external\\?token=[A-Za-z0-9_-]+)").matcher(text);
        assertThat(matcher.find()).as("a link to /external in " + text).isTrue();
        return matcher.group(1);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    private static String csrf(String body) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }
}
