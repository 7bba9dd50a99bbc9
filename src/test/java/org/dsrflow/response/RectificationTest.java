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
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.Channel;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rectification (Art. 16, 19): the requester says what is wrong and what is right; departments
 * holding the categories correct the data or say why it is accurate (the requester is then offered
 * restriction, Art. 18(1)(a)); the answer lists what was corrected and who was told.
 */
@SmtpIntegrationTest
class RectificationTest extends WithGreenMail {

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
    @CsvSource({
            "en, Corrected:, Not corrected, GDPR Art. 18(1)(a), GDPR Art. 19",
            "sv, Rättat:, Inte rättat, artikel 18.1 a, artikel 19"})
    void theAnswerListsWhatWasCorrectedWhatIsAccurateAndWhoWasTold(String language, String corrected, String disputed,
                                                                   String restriction, String told) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RECTIFICATION", "Eva Ek",
                "eva.ek." + language + "@example.com", "SE", language, List.of("contact"), "My address is Storgatan 2, not Storgatan 1."));

        Task sales = work.task(reference, "sales");
        assertThat(new String(forms.getDeployedTaskForm(sales.getId()).readAllBytes()))
                .contains("\"id\" : \"department-rectification\"", "What we corrected", "Why our data is accurate");
        assertThatThrownBy(() -> tasks.complete(sales.getId(), Map.of("answer", Map.of("contact", Map.of("action", "corrected"),
                "recipients", "none")))).hasMessageContaining("The answer is incomplete: contact: say what you corrected");
        work.complete(sales, Map.of("contact", Map.of("action", "corrected", "correction", "Address: Storgatan 1 → Storgatan 2"),
                "recipients", "Our CRM provider"));
        work.complete(work.task(reference, "marketing"), Map.of("contact", Map.of("action", "disputed",
                "reason", "The address on your newsletter subscription was confirmed by you on 3 March."), "recipients", "none"));
        work.complete(work.task(reference, "support"), Map.of("contact", Map.of("action", "none"), "recipients", "none"));
        work.complete(work.task(reference, "finance"), Map.of("contact", Map.of("action", "corrected",
                "correction", "Invoice address updated"), "recipients", "none"));
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, "eva.ek." + language + "@example.com"));
        assertThat(answer).contains(reference, corrected, "Address: Storgatan 1 → Storgatan 2", "Invoice address updated",
                disputed, "confirmed by you on 3 March", restriction, told, "Our CRM provider");
    }

    @Test
    void aRectificationWithoutSayingWhatIsWrongIsRefusedWithA400() {
        assertThatThrownBy(() -> intake.checkAgainstConfiguration(new NewRequest("RECTIFICATION", "Eva Ek", "eva@example.com",
                "SE", "en", List.of("contact"), " ")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems())
                        .anySatisfy(problem -> assertThat(problem.field() + " " + problem.message())
                                .isEqualTo("details is required for a rectification: say what is wrong and what is right")));
    }
}
