package org.dsrflow.language;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.config.Text;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.response.DocumentService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * Art. 12(1): a requester reads everything in their own language. For each language of the
 * organisation, through the real process and SMTP: the request form, the acknowledgement, the
 * access answer with its report (HTML and JSON), and the erasure account with a retained item and
 * its site's period. Each must show the register's texts in that language and no register text of
 * another language.
 */
@SmtpIntegrationTest
class RequesterLanguagesTest extends WithGreenMail {

    /** A site for each language, so that the authority and periods differ too. */
    static final Map<String, String> SITE = Map.of("en", "GB", "sv", "SE", "nb", "NO", "da", "DK", "fi", "FI");
    /** Everything except health (which first needs a manual identity check). */
    static final List<String> CATEGORIES = List.of("contact", "identification", "transaction", "communication", "digital");

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
    DocumentService documents;
    @Autowired
    Register register;
    @Autowired
    DsrProperties properties;

    private DepartmentWork work;

    @org.junit.jupiter.api.BeforeEach
    void work() {
        work = new DepartmentWork(tasks, management);
    }

    private String approveAndRead(String reference, String email) throws Exception {
        work.approve(reference);
        return Mails.everything(Mails.lastTo(greenMail, email));
    }

    @Test
    void everyTextARequesterSeesIsInTheirLanguage() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String language : register.languages()) {
            Register.InLanguage texts = register.in(language);
            String site = SITE.get(language);

            String form = HtmlUtils.htmlUnescape(new Http(port).get("/request?lang=" + language).body());
            assertThat(form).contains(texts.category("contact").name(), texts.site("SE").name(), texts.site("INT").name());
            problems.addAll(foreignTexts(language, "request form", form));

            // One person per language: a second access from one address would be a repeat (decided first, below).
            String email = "person." + language + "@example.com";
            String access = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person", email, site,
                    language, CATEGORIES, null));
            MimeMessage acknowledgement = Mails.lastTo(greenMail, email);
            problems.addAll(foreignTexts(language, "acknowledgement", Mails.everything(acknowledgement)));
            for (Task task : work.tasks(access)) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("found", "yes");
                for (Object category : work.categoriesHeld(task)) {
                    answer.put(String.valueOf(category), Map.of("data", "Record " + category, "source", "CRM"));
                }
                work.complete(task, answer);
            }
            String accessAnswer = approveAndRead(access, email);
            long requestId = requests.findByReference(access).orElseThrow().id();
            String report = HtmlUtils.htmlUnescape(documents.latest(requestId, DocumentService.HTML).orElseThrow().content());
            String export = documents.latest(requestId, DocumentService.JSON).orElseThrow().content();
            Register.Category contact = texts.category("contact");
            assertThat(report).as(language).contains(contact.name(), contact.description(), contact.purposes().get(0).name(),
                    contact.purposes().get(0).legalBasis(), contact.recipients().get(0).name(), contact.retention(),
                    contact.source(), texts.departmentName("sales"), texts.site(site).authority(),
                    texts.site(site).authorityAddress(), texts.automatedDecisions(), texts.transfers());
            assertThat(export).as(language).contains(jsonString(contact.name()), jsonString(texts.site(site).authority()));
            problems.addAll(foreignTexts(language, "access answer email", accessAnswer));
            problems.addAll(foreignTexts(language, "access report", report));
            problems.addAll(foreignTexts(language, "access export (JSON)", unescapeJson(export)));

            String erasure = Requests.confirmed(intake, management, process, new NewRequest("ERASURE", "Test Person", email, site,
                    language, List.of("transaction"), null));
            for (Task task : work.tasks(erasure)) {
                String department = work.department(task);
                work.complete(task, "finance".equals(department)
                        ? Map.of("transaction", Map.of("action", "retained", "rule", "accounting-records",
                                "kept", "Invoices", "until", "2031-12-31"), "recipients", "none")
                        : Map.of("transaction", Map.of("action", "erased"), "recipients", "none"));
            }
            String erasureAnswer = approveAndRead(erasure, email);
            Register.RetentionRule accounting = texts.retentionRules("finance", site).get(0);
            assertThat(erasureAnswer).as(language).contains(texts.category("transaction").name(), texts.departmentName("finance"),
                    accounting.label(), accounting.legalBasis(), accounting.period());
            problems.addAll(foreignTexts(language, "erasure answer email", erasureAnswer));

            // A refusal names the supervisory authority of the site, in the requester's language: the same
            // access again, a repeat, refused before any department searches.
            String refused = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person", email, site,
                    language, List.of("contact"), null));
            assertThat(work.tasks(refused)).isEmpty();
            Task triage = tasks.createTaskQuery().processInstanceBusinessKey(refused)
                    .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_TRIAGE).singleResult();
            tasks.complete(triage.getId(), Map.of("reviewDecision", "refuse", "reviewComment", "Reasons " + language));
            Jobs.executeDue(management);
            String refusal = Mails.everything(Mails.lastTo(greenMail, email));
            assertThat(refusal).as(language).contains("Reasons " + language, texts.site(site).authority());
            problems.addAll(foreignTexts(language, "refusal email", refusal));
        }
        assertThat(problems).isEmpty();
    }

    /** Register texts of other languages in what a requester in this language reads. */
    private List<String> foreignTexts(String language, String what, String rendered) {
        Map<String, Text> all = properties.organisation().texts();
        Set<String> own = all.values().stream().map(text -> text.get(language)).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        all.forEach((key, text) -> text.forEach((other, value) -> {
            if (!other.equals(language) && value.length() >= 6 && rendered.contains(value)
                    && own.stream().noneMatch(mine -> mine.contains(value))) {
                found.add(what + " in '" + language + "' contains the '" + other + "' text of " + key + ": " + value);
            }
        }));
        return found;
    }


    private static String jsonString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String unescapeJson(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }





}
