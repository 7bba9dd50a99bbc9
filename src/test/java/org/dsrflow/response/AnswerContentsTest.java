package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the requester receives, for each kind of answer, through the real process and SMTP: the
 * erasure account (erased, kept with legal basis and date, recipients told: Art. 17, 19), the
 * marketing stop (Art. 21(3)), the refusal and the partial refusal (Art. 12(4)). The access report
 * (Art. 15) is checked in RequestLifecycleTestBase and TasklistDepartmentTaskBrowserTest.
 */
@SmtpIntegrationTest
class AnswerContentsTest extends WithGreenMail {

    @org.springframework.boot.test.web.server.LocalServerPort
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
    org.camunda.bpm.engine.IdentityService identity;

    @Test
    void erasureAnswerNamesWhatWasErasedWhatIsKeptWhyUntilWhenAndWhoWasTold() throws Exception {
        String reference = confirmedRequest("ERASURE", "DK", List.of("contact"));
        complete(reference, "sales", Map.of("contact", Map.of("action", "erased"), "recipients", "none"));
        complete(reference, "marketing", Map.of("contact", Map.of("action", "erased"),
                "recipients", "Our email service provider"));
        complete(reference, "support", Map.of("contact", Map.of("action", "none"), "recipients", "none"));
        complete(reference, "finance", Map.of("contact", Map.of("action", "retained", "rule", "accounting-records",
                "kept", "Invoice address on 3 invoices", "until", "2031-12-31"), "recipients", "none"));

        String text = Mails.text(approve(reference));

        assertThat(text).contains("Erased:", "Contact details (Sales)", "Contact details (Marketing)");
        assertThat(text).contains("Invoice address on 3 invoices", "Accounting records (invoices, payments)",
                "Legal obligation under accounting law", "until 31 December 2031",
                "5 years from the end of the financial year (Denmark, Bogføringsloven)");
        assertThat(text).contains("Marketing: Our email service provider").doesNotContain("Sales: none");
        assertThat(text).contains("Datatilsynet", "court");
    }

    @Test
    void erasureKeptWithoutAReasonIsRefusedWithAMessage() {
        String reference = confirmedRequest("ERASURE", "SE", List.of("contact"));
        Task finance = departmentTask(reference, "finance");
        assertThatThrownBy(() -> tasks.complete(finance.getId(), Map.of("answer", Map.of(
                "contact", Map.of("action", "retained", "kept", "invoices"), "recipients", "none"))))
                .isInstanceOf(ProcessEngineException.class)
                .hasRootCauseInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("choose one of your department's retention reasons")
                .hasMessageContaining("say until when you keep it");
        assertThat(tasks.createTaskQuery().taskId(finance.getId()).count()).isEqualTo(1);
    }

    /**
     * Art. 17(2): the register marks testimonials (communication) as made public; a department that erased
     * that category says which reasonable steps it took to inform others who process the published data.
     */
    @Test
    void anErasureOfPublishedDataWithoutTheArt17_2StepIsRefusedWithA400NamingTheField() {
        String reference = confirmedRequest("ERASURE", "SE", List.of("communication"));
        TestUsers.ensure(identity);
        Task marketing = departmentTask(reference, "marketing");

        Http.Response refused = new Http(port).postJson("/engine-rest/task/" + marketing.getId() + "/complete", answerBody("""
                {"communication": {"action": "erased"}, "recipients": "none"}"""), "Authorization", TestUsers.auth("marketing"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("communication", "publication", "Art. 17(2)");
        assertThat(tasks.createTaskQuery().taskId(marketing.getId()).count()).isEqualTo(1);
    }

    @Test
    void theArt17_2StepsAreRecordedOnTheCaseAndTheRequesterReadsInTheirLanguageThatOthersWereInformed() throws Exception {
        email = Requests.newAddress("person");
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ERASURE", "Test Person",
                email, "SE", "sv", List.of("communication"), null));
        TestUsers.ensure(identity);
        Http http = new Http(port);
        for (Map.Entry<String, String> answer : Map.of(
                "marketing", """
                        {"communication": {"action": "erased", "publication": "informed",
                         "publicationSteps": "Asked reviews.example, which reposted the quote, to remove its copy and the link"},
                         "recipients": "none"}""",
                "support", """
                        {"communication": {"action": "erased", "publication": "unpublished"}, "recipients": "none"}""",
                "webdigital", """
                        {"communication": {"action": "none"}, "recipients": "none"}""").entrySet()) {
            assertThat(http.postJson("/engine-rest/task/" + departmentTask(reference, answer.getKey()).getId() + "/complete",
                    answerBody(answer.getValue()), "Authorization", TestUsers.auth(answer.getKey())).status())
                    .as(answer.getKey()).isEqualTo(204);
            Jobs.executeDue(management);
        }

        String casePage = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "tasklist")
                .get("/staff/requests/" + reference).body();
        assertThat(casePage).contains("Others who process the published data (Art. 17(2))",
                "Informed those who republished it or link to it",
                "Asked reviews.example, which reposted the quote, to remove its copy and the link",
                "None of this person&#39;s data in it was published");

        String text = Mails.text(approve(reference));
        assertThat(text).contains("Publicera kundomdömen som du har godkänt",
                "vi har underrättat dem som behandlar uppgifterna",
                "artikel 17.2");
        // the staff's own words (which may name other people or sites in English) stay with the privacy team
        assertThat(text).doesNotContain("reviews.example", "Asked");
    }

    @Test
    void marketingObjectionAnswerListsTheChannelsStopped() throws Exception {
        String reference = confirmedRequest("MARKETING_OBJECTION", "NO", List.of("contact"));
        complete(reference, "marketing", Map.of("channels", List.of("email", "advertising")));

        String text = Mails.text(approve(reference));

        assertThat(text).contains("We have stopped all direct marketing", "Newsletters and campaign emails",
                "Advertising audiences", "Service messages about your account and prices are not marketing");
    }

    @Test
    void refusalGivesReasonsTheAuthorityAndTheRightToACourt() throws Exception {
        String reference = confirmedRequest("ACCESS", "FI", List.of("digital"));
        complete(reference, "marketing", Map.of("found", "no"));
        complete(reference, "webdigital", Map.of("found", "no"));

        Task review = reviewTask(reference);
        tasks.complete(review.getId(), Map.of("reviewDecision", "refuse",
                "reviewComment", "The fourth identical request this week (manifestly excessive, Art. 12(5))."));
        MimeMessage refusal = lastEmailAfterJobs();

        assertThat(refusal.getSubject()).contains(reference);
        assertThat(Mails.text(refusal)).contains("The fourth identical request this week",
                "Office of the Data Protection Ombudsman", "https://tietosuoja.fi", "remedy in court");
    }

    @Test
    void partialRefusalSendsTheAnswerWithTheReasonsForWhatIsRefused() throws Exception {
        String reference = confirmedRequest("ACCESS", "SE", List.of("communication"));
        complete(reference, "marketing", Map.of("found", "no"));
        complete(reference, "webdigital", Map.of("found", "no"));
        complete(reference, "support", Map.of("found", "yes", "communication",
                Map.of("data", "Chat of 3 May 2026 about licence renewal", "source", "")));

        Task review = reviewTask(reference);
        tasks.complete(review.getId(), Map.of("reviewDecision", "partial",
                "reviewComment", "Chat messages written by our other customers are not disclosed (Art. 15(4))."));
        String text = Mails.text(lastEmailAfterJobs());

        assertThat(text).contains("Communication", "/download?token=", "What we cannot do, and why:",
                "Chat messages written by our other customers are not disclosed");
    }

    @Test
    void theAccessAnswerEmailGivesTheFullLinkBesideItsButton() throws Exception {
        String reference = confirmedRequest("ACCESS", "SE", List.of("digital"));
        complete(reference, "marketing", Map.of("found", "yes", "digital", Map.of("data", "Cookie id 42")));
        complete(reference, "webdigital", Map.of("found", "no"));

        String html = Mails.html(approve(reference));

        java.util.regex.Matcher button = java.util.regex.Pattern.compile("<a href=\"([^\"]*/download\\?token=[A-Za-z0-9_-]+)\"[^>]*>Open your report</a>")
                .matcher(html);
        assertThat(button.find()).as("the button").isTrue();
        assertThat(html).as("the button's link written out beside it").contains(">" + button.group(1) + "</a>")
                .contains("If the button does not work, open this link:");
    }

    @Test
    void theAccessReportNamesTheLegalBasisOfEachPurpose() throws Exception {
        String reference = confirmedRequest("ACCESS", "SE", List.of("contact"));
        for (String department : List.of("sales", "marketing", "support", "finance")) {
            complete(reference, department, Map.of("found", "yes", "contact", Map.of("data", "Storgatan 1")));
        }
        String download = Mails.linkPath(Mails.text(approve(reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String report = Links.download(new Http(port), download, "html").body();

        // contact: customer relationship (contract), newsletters (consent), questions (contract)
        assertThat(rowWith(report, "Sending the newsletters you subscribed to")).contains("Consent (Art. 6(1)(a))")
                .doesNotContain("Contract");
        assertThat(rowWith(report, "Managing our customer relationship and orders")).contains("Contract (Art. 6(1)(b))")
                .doesNotContain("Consent");
        assertThat(rowWith(report, "Answering your questions")).contains("Contract (Art. 6(1)(b))");
    }

    /**
     * C-154/21 §51: the access report names the actual recipient where the register records its identity (Google),
     * gives the role and offers the names where it does not, and marks the recipient in a third country with the
     * country and the Art. 46 safeguard (Art. 15(1)(c), 15(2)) — in each of the five languages.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "in {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "en|analytics and advertising, with your consent|Our website hosting partner|United States|Art. 46(2)(c)|you may ask us for their names",
            "sv|analys och annonsering, med ditt samtycke|Vår partner för webbhotell|USA|artikel 46.2 c|kan du be oss om deras namn",
            "nb|analyse og annonsering, med samtykket ditt|Samarbeidspartneren vår for webhotell|USA|artikkel 46 nr. 2 bokstav c|kan du be oss om navnene deres",
            "da|analyse og annoncering, med dit samtykke|Vores webhostingpartner|USA|artikel 46, stk. 2, litra c|kan du bede os om deres navne",
            "fi|analytiikka ja mainonta, suostumuksellasi|Verkkosivustojemme palvelintilan tarjoava kumppani|Yhdysvallat|46 artiklan 2 kohdan c alakohta|voit pyytää meiltä niiden nimet"})
    void theAccessReportNamesTheRecipientsItKnowsOffersTheOtherNamesAndMarksThirdCountryTransfers(
            String language, String googleRole, String hostingRole, String country, String safeguard, String askForNames) throws Exception {
        String reference = confirmedRequest("ACCESS", "SE", List.of("digital"), language);
        complete(reference, "marketing", Map.of("found", "yes", "digital", Map.of("data", "Cookie id 42")));
        complete(reference, "webdigital", Map.of("found", "no"));
        String download = Mails.linkPath(Mails.text(approve(reference)), "/download\\?token=[A-Za-z0-9_-]+");
        String report = org.springframework.web.util.HtmlUtils.htmlUnescape(Links.download(new Http(port), download, "html").body());

        String named = recipientItem(report, "Google");
        assertThat(named).as("named by its identity, with its role").contains("class=\"recipient-name\">Google</", googleRole)
                .doesNotContain("third-country");
        String hosting = recipientItem(report, hostingRole);
        assertThat(hosting).as("its role only, in a third country with the safeguard")
                .doesNotContain("recipient-name").contains("third-country", country, safeguard);
        assertThat(report).contains(askForNames);
    }

    /** The list item of the report's recipients that names {@code recipient}. */
    private static String recipientItem(String report, String recipient) {
        return java.util.Arrays.stream(report.split("<li")).filter(item -> item.contains(recipient)).findFirst()
                .map(item -> item.substring(0, item.contains("</li>") ? item.indexOf("</li>") : item.length()))
                .orElseThrow(() -> new AssertionError("no recipient of the report names " + recipient + ":\n" + report));
    }

    /** The table row of the report that names {@code purpose}. */
    private static String rowWith(String report, String purpose) {
        return java.util.Arrays.stream(report.split("<tr")).filter(row -> row.contains(purpose)).findFirst()
                .map(row -> row.substring(0, row.contains("</tr>") ? row.indexOf("</tr>") : row.length()))
                .orElseThrow(() -> new AssertionError("no row of the report names the purpose " + purpose));
    }

    /** The person of the latest request: one per test, since a second answered request of a right from one address is a repeat. */
    private String email;

    private String confirmedRequest(String type, String site, List<String> categories) {
        return confirmedRequest(type, site, categories, "en");
    }

    private String confirmedRequest(String type, String site, List<String> categories, String language) {
        email = Requests.newAddress("person");
        return Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(type, "Test Person", email, site, language,
                categories, null));
    }

    private Task departmentTask(String reference, String department) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(department)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).singleResult();
    }

    private void complete(String reference, String department, Map<String, Object> answer) {
        tasks.complete(departmentTask(reference, department).getId(), Map.of("answer", answer));
        Jobs.executeDue(management); // the join after the department tasks is a job of its own
    }

    private static String answerBody(String json) {
        try {
            return "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": "
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json.replace("\n", " ")) + "}}}";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Task reviewTask(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
    }

    private MimeMessage approve(String reference) {
        tasks.complete(reviewTask(reference).getId(), Map.of("reviewDecision", "approve"));
        return lastEmailAfterJobs();
    }

    /** The requester's last email once the jobs ran (the departments get emails about their tasks too). */
    private MimeMessage lastEmailAfterJobs() {
        Jobs.executeDue(management);
        return Mails.lastTo(greenMail, email);
    }
}
