package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Objection to processing (Art. 21(1)): only categories processed for purposes on the register's
 * objection bases (Art. 6(1)(e)/(f)) reach the departments, which stop the processing; the privacy
 * team records per purpose whether compelling legitimate grounds override; the answer lists what
 * stopped, what continues with the reasons, and the remedies.
 */
@SmtpIntegrationTest
class ObjectionTest extends WithGreenMail {

    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | GDPR Art. 21(1) | We have stopped | Answering you and following up | Improving our services | We continue | Running and securing our websites | go to court
            fi | 21 artiklan 1 kohta | Olemme lopettaneet | Sinulle vastaaminen ja asian seuraaminen | Palvelujemme kehittäminen | Jatkamme | Verkkosivustojemme ylläpito ja suojaaminen | tuomioistuimeen
            """)
    void theAnswerListsPerPurposeWhatStoppedAndWhatContinuesWithTheReasonsAndRemedies(String language, String article,
            String stopped, String followUp, String improvement, String continued, String security, String court) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                "olli.object." + language + "@example.com", "FI", language, List.of("identification", "communication", "digital"),
                "I do not want my chats analysed."));
        // Identification is processed on contract only: neither open to objection nor on consent, no department is asked about it.
        assertThat(work.tasks(reference)).allSatisfy(task -> assertThat(work.categoriesHeld(task).stream().map(String::valueOf).toList()).doesNotContain("identification"));

        Task support = work.task(reference, "support");
        assertThat(new String(forms.getDeployedTaskForm(support.getId()).readAllBytes()))
                .contains("\"id\" : \"department-objection\"", "Answering you and following up; Improving our services");
        assertThatThrownBy(() -> tasks.complete(support.getId(), Map.of("answer", Map.of())))
                .hasMessageContaining("communication: say what you did (stopped or none)");
        work.complete(support, Map.of("communication", Map.of("action", "stopped")));
        work.complete(work.task(reference, "marketing"), Map.of("communication", Map.of("action", "stopped"),
                "digital", Map.of("action", "none")));
        work.complete(work.task(reference, "webdigital"), Map.of("communication", Map.of("action", "none"),
                "digital", Map.of("action", "stopped", "reason", "Security logs show attacks on our login page.")));

        Task weigh = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION).singleResult();
        assertThat(tasks.getVariable(weigh.getId(), "objectedPurposes"))
                .isEqualTo(List.of("follow-up", "service-improvement", "website-security"));
        assertThat(new String(forms.getDeployedTaskForm(weigh.getId()).readAllBytes()))
                .contains("\"id\" : \"objection-decision\"", "Running and securing our websites (Legitimate interest (Art. 6(1)(f)))")
                .doesNotContain("Publishing testimonials");
        assertThatThrownBy(() -> tasks.complete(weigh.getId(), Map.of("objection", Map.of("follow-up", Map.of("override", "no"),
                "service-improvement", Map.of("override", "no"), "website-security", Map.of("override", "yes")))))
                .hasMessageContaining("website-security: give the compelling legitimate grounds");
        tasks.complete(weigh.getId(), Map.of("objection", Map.of("follow-up", Map.of("override", "no"),
                "service-improvement", Map.of("override", "no"), "website-security", Map.of("override", "yes",
                        "grounds", "We keep IP addresses in security logs for 90 days to detect and stop attacks on our services."))));
        Jobs.executeDue(management);
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, "olli.object." + language + "@example.com"));
        assertThat(answer).contains(reference, article, stopped, followUp, improvement, continued, security,
                "to detect and stop attacks", court);
        assertThat(answer.indexOf(improvement)).isLessThan(answer.indexOf(continued));
    }

    @Test
    void anObjectionToDataProcessedOnlyOnContractReachesNoDepartmentAndSaysSo() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                "olli.contract@example.com", "FI", "en", List.of("identification", "transaction"), null));
        assertThat(work.tasks(reference)).isEmpty();
        work.approve(reference);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "olli.contract@example.com"))).contains(reference,
                "We do not process any of your data for purposes based on our legitimate interests, a public task or your consent");
    }

    /*
     * An objection to what we do on the person's consent is in substance a withdrawal of that consent (Art. 7(3)):
     * it reaches the departments, is never weighed, and the answer says so, what stopped, that what we did before
     * stays lawful, and that the person may also ask for erasure (Art. 17(1)(b)).
     */
    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Art. 7(3) | does not affect the lawfulness | Art. 17(1)(b) | Sending the newsletters you subscribed to
            sv | artikel 7.3 | påverkar inte lagligheten | artikel 17.1 b | Skicka de nyhetsbrev som du prenumererar på
            nb | artikkel 7 nr. 3 | påvirker ikke lovligheten | artikkel 17 nr. 1 bokstav b | Sende nyhetsbrevene du abonnerer på
            da | artikel 7, stk. 3 | berører ikke lovligheden | artikel 17, stk. 1, litra b | Sende de nyhedsbreve, du abonnerer på
            fi | 7 artiklan 3 kohta | ei vaikuta ennen peruuttamista | 17 artiklan 1 kohdan b alakohta | Tilaamiesi uutiskirjeiden lähettäminen
            """)
    void anObjectionToTheNewsletterIsTreatedAsAWithdrawalOfConsentAndTheAnswerSaysSo(String language, String article7,
            String lawfulBefore, String article17, String newsletters) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String address = Requests.newAddress("olli.newsletter." + language);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                address, "FI", language, List.of("contact"), "Stop sending me your newsletter."));
        Task marketing = work.task(reference, "marketing");
        assertThat(marketing).as("the marketing department is asked about the newsletter").isNotNull();
        assertThat(new String(forms.getDeployedTaskForm(marketing.getId()).readAllBytes()))
                .contains("Consent withdrawn (Art. 7(3)), stop without weighing: Sending the newsletters you subscribed to");
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("contact", Map.of("action", task.getId().equals(marketing.getId()) ? "stopped" : "none")));
        }
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION).count())
                .as("a withdrawal of consent is not weighed against compelling grounds").isZero();
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, address));
        assertThat(answer).contains(reference, article7, newsletters, lawfulBefore, article17)
                .doesNotContain("nothing to stop");
    }

    @Test
    void neitherTheDepartmentNorThePrivacyTeamCanContinueWhatWeDoOnConsentOnCompellingGrounds() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String address = Requests.newAddress("olli.testimonial");
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                address, "FI", "en", List.of("contact", "communication"), "Take down my testimonial and stop the newsletter."));
        Task marketing = work.task(reference, "marketing");
        org.dsrflow.testsupport.TestUsers.ensure(identity);
        org.dsrflow.testsupport.Http.Response refused = completeOverRest(marketing, "marketing", "answer",
                "{\"contact\": {\"action\": \"stopped\", \"reason\": \"Our newsletter is important to our business.\"},"
                        + " \"communication\": {\"action\": \"stopped\"}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("message").asText())
                .contains("answer.contact.reason", "withdrawal of consent (Art. 7(3)) is not weighed");
        assertThat(tasks.createTaskQuery().taskId(marketing.getId()).count()).isEqualTo(1);
        for (Task task : work.tasks(reference)) {
            String department = work.department(task);
            Map<String, Object> answer = new java.util.HashMap<>();
            for (Object category : work.categoriesHeld(task)) {
                boolean stops = department.equals("marketing") || department.equals("support") && category.equals("communication");
                answer.put(String.valueOf(category), Map.of("action", stops ? "stopped" : "none"));
            }
            work.complete(task, answer);
        }

        Task weigh = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION).singleResult();
        assertThat(tasks.getVariable(weigh.getId(), "objectedPurposes")).isEqualTo(List.of("follow-up", "service-improvement"));
        org.dsrflow.testsupport.Http.Response overridden = completeOverRest(weigh, "privacy", "objection",
                "{\"follow-up\": {\"override\": \"no\"}, \"service-improvement\": {\"override\": \"no\"},"
                        + " \"testimonials\": {\"override\": \"yes\", \"grounds\": \"The testimonial is printed in our brochure.\"}}");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(400);
        assertThat(overridden.json().path("message").asText())
                .contains("objection.testimonials.override", "withdrawal of consent (Art. 7(3)) is not weighed");
        tasks.complete(weigh.getId(), Map.of("objection", Map.of("follow-up", Map.of("override", "no"),
                "service-improvement", Map.of("override", "no"))));
        Jobs.executeDue(management);
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, address));
        assertThat(answer).contains("Art. 7(3)", "Sending the newsletters you subscribed to", "Publishing testimonials you agreed to",
                "Answering you and following up", "Art. 17(1)(b)");
    }

    /** Completes the task through Camunda's REST API as a member of {@code group} would, with one Json variable. */
    private org.dsrflow.testsupport.Http.Response completeOverRest(Task task, String group, String variable, String json) {
        return new org.dsrflow.testsupport.Http(port).postJson("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\": {\"" + variable + "\": {\"type\": \"Json\", \"value\": \"" + json.replace("\"", "\\\"") + "\"}}}",
                "Authorization", org.dsrflow.testsupport.TestUsers.auth(group));
    }

    /*
     * Art. 21(4): the right to object is brought to the person's attention at the first communication, clearly and
     * separately from any other information: the acknowledgement and every answer's report give it a section of its own.
     */
    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Your right to object | Art. 21(1)
            sv | Din rätt att invända | artikel 21.1
            nb | Din rett til å protestere | artikkel 21 nr. 1
            da | Din ret til indsigelse | artikel 21, stk. 1
            fi | Oikeutesi vastustaa käsittelyä | 21 artiklan 1 kohta
            """)
    void theAcknowledgementAndTheAccessReportPresentTheRightToObjectInASectionOfItsOwn(String language, String heading,
            String article) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String address = Requests.newAddress("olli.access." + language);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Olli Oja",
                address, "FI", language, List.of("digital"), null));
        String acknowledgement = Mails.html(Mails.lastTo(greenMail, address));
        assertThat(acknowledgement).containsPattern("<h2 id=\"right-to-object\"[^>]*>" + java.util.regex.Pattern.quote(heading) + "</h2>\\s*<p[^>]*>[^<]*"
                + java.util.regex.Pattern.quote(article));
        assertThat(Mails.text(Mails.lastTo(greenMail, address))).containsPattern("\\R\\R" + java.util.regex.Pattern.quote(heading)
                + "\\R[^\\r\\n]*" + java.util.regex.Pattern.quote(article));

        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "yes", "digital", Map.of("data", "IP address 192.0.2.7 in our logs")));
        }
        work.approve(reference);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^/\\s]+(/download\\?token=[A-Za-z0-9_-]+)")
                .matcher(Mails.text(Mails.lastTo(greenMail, address)));
        assertThat(link.find()).isTrue();
        String report = org.dsrflow.testsupport.Links.download(new org.dsrflow.testsupport.Http(port), link.group(1), "html").body();
        assertThat(report).containsPattern("<section id=\"right-to-object\">\\s*<h2>" + java.util.regex.Pattern.quote(heading)
                + "</h2>\\s*<p>[^<]*" + java.util.regex.Pattern.quote(article));
        // Not also among the other rights: there it would not be presented separately.
        assertThat(report).contains("id=\"rights-list\"").doesNotContainPattern("id=\"rights-list\"[^>]*>[^<]*21");
    }
}
