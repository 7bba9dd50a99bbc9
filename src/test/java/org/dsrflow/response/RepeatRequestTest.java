package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.dsrflow.request.Channel;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Art. 12(5): a request from an address whose earlier request was answered recently is shown to the
 * privacy team as a repeat, with the earlier reference and date; a person decides, and a refusal as
 * excessive reaches the requester with its reasons, the authority and the court (Art. 12(4)).
 */
@SmtpIntegrationTest
class RepeatRequestTest extends WithGreenMail {

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

    @Test
    void aRepeatRequestWaitsForThePrivacyTeamBeforeAnyDepartmentAndMayBeRefusedAsExcessiveWithItsReasons() throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String first = confirmed("erik.berg@example.com");
        for (Task task : work.tasks(first)) {
            work.complete(task, Map.of("found", "no"));
        }
        assertThat(review(first).getId()).isNotNull();
        assertThat(tasks.getVariable(review(first).getId(), "repeatOf")).isNull();
        work.approve(first);

        // The same address, written differently, a few days later; and someone else.
        String second = confirmed("Erik.Berg@Example.com");
        String other = confirmed("karin.holm@example.com");
        // The repeat waits for the privacy team's triage, with no department task; the other goes to the departments.
        assertThat(work.tasks(second)).isEmpty();
        for (Task task : work.tasks(other)) {
            work.complete(task, Map.of("found", "no"));
        }
        Task repeat = tasks.createTaskQuery().processInstanceBusinessKey(second)
                .taskDefinitionKey(org.dsrflow.process.DataSubjectRequestProcess.Elements.USER_TRIAGE).singleResult();
        assertThat(tasks.getVariable(repeat.getId(), "repeatOf")).isEqualTo(first);
        assertThat(tasks.getVariable(repeat.getId(), "repeatAnsweredOn"))
                .isEqualTo(LocalDate.now(ZoneId.of("Europe/Stockholm")).toString());
        assertThat(tasks.getVariable(review(other).getId(), "repeatOf")).isNull();
        String form = new String(forms.getDeployedTaskForm(repeat.getId()).readAllBytes());
        assertThat(form).contains("Repeat request (GDPR Art. 12(5))", "{{repeatOf}}", "=repeatOf = null");

        // Nothing is refused by itself: the privacy team decides, with reasons.
        tasks.complete(repeat.getId(), Map.of("reviewDecision", "refuse",
                "reviewComment", "Your request repeats " + first + ", answered this week; nothing has changed since (Art. 12(5))."));
        Jobs.executeDue(management);
        List<String> toSecond = new java.util.ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (message.getSubject().contains(second) && !Mails.toDepartment(message)) {
                toSecond.add(Mails.everything(message));
            }
        }
        assertThat(toSecond).as("acknowledgement and refusal of " + second).hasSize(2);
        String refusal = toSecond.get(1);
        assertThat(refusal).contains(second, "repeats " + first, "Art. 12(5)", "Integritetsskyddsmyndigheten");
    }

    private String confirmed(String email) {
        return Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Erik Berg", email, "SE", "en",
                List.of("contact"), null));
    }

    private Task review(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
    }
}
