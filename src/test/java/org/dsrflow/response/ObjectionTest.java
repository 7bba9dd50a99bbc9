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

    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | GDPR Art. 21(1) | We have stopped | Answering you and following up | Improving our services | We continue | Running and securing our websites | go to court
            fi | 21 artiklan 1 kohta | Olemme lopettaneet | Sinulle vastaaminen ja asian seuraaminen | Palvelujemme kehittäminen | Jatkamme | Verkkosivustojemme ylläpito ja suojaaminen | tuomioistuimeen
            """)
    void theAnswerListsPerPurposeWhatStoppedAndWhatContinuesWithTheReasonsAndRemedies(String language, String article,
            String stopped, String followUp, String improvement, String continued, String security, String court) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                "olli.object." + language + "@example.com", "FI", language, List.of("contact", "communication", "digital"),
                "I do not want my chats analysed."));
        // Contact details are processed on contract and consent only: outside Art. 21(1), no department is asked about them.
        assertThat(work.tasks(reference)).allSatisfy(task -> assertThat(work.categoriesHeld(task).stream().map(String::valueOf).toList()).doesNotContain("contact"));

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
    void anObjectionToDataProcessedOnlyOnContractOrConsentReachesNoDepartmentAndSaysSo() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("OBJECTION", "Olli Oja",
                "olli.contract@example.com", "FI", "en", List.of("contact"), null));
        assertThat(work.tasks(reference)).isEmpty();
        work.approve(reference);
        assertThat(Mails.everything(Mails.lastTo(greenMail, "olli.contract@example.com"))).contains(reference,
                "We do not process any of your data for purposes based on our legitimate interests or a public task");
    }
}
