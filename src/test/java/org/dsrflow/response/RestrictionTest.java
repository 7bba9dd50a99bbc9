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
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RestrictionGround;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Restriction (Art. 18, 19): the requester gives a ground; departments holding the categories
 * restrict the data and say how; the answer confirms the ground, what is restricted and how, who was
 * told, and that the requester will be informed before the restriction is lifted (Art. 18(3)).
 */
@SmtpIntegrationTest
class RestrictionTest extends WithGreenMail {

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
    RequestRepository requests;

    @ParameterizedTest(name = "in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | GDPR Art. 18 | for the time we need to verify it | no longer use it without your consent | GDPR Art. 18(3) | GDPR Art. 19
            da | artikel 18   | i den tid, vi har brug for til at kontrollere dem | bruger dem ikke længere uden dit samtykke | artikel 18, stk. 3 | artikel 19
            """)
    void theAnswerConfirmsTheGroundWhatIsRestrictedHowAndThatLiftingIsAnnouncedFirst(
            String language, String article, String ground, String restricted, String lifting, String told) throws Exception {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RESTRICTION", "Eva Ek",
                "eva.restrict." + language + "@example.com", "DK", language, List.of("contact"),
                "My address is wrong; do not use it until you have checked.", false, null, null, null, "ACCURACY_CONTESTED"));
        assertThat(requests.findByReference(reference).orElseThrow().restrictionGround()).isEqualTo(RestrictionGround.ACCURACY_CONTESTED);

        Task sales = work.task(reference, "sales");
        assertThat(new String(forms.getDeployedTaskForm(sales.getId()).readAllBytes()))
                .contains("\"id\" : \"department-restriction\"", "How the data is restricted", "Art. 18(3)");
        assertThat(tasks.getVariable(sales.getId(), "restrictionGround")).isEqualTo("ACCURACY_CONTESTED");
        assertThatThrownBy(() -> tasks.complete(sales.getId(), Map.of("answer", Map.of("contact", Map.of("action", "restricted"),
                "recipients", "none")))).hasMessageContaining("The answer is incomplete: contact: say how the data is restricted");
        work.complete(sales, Map.of("contact", Map.of("action", "restricted",
                "how", "Marked as restricted in the CRM; no mailings, no exports"), "recipients", "Our CRM provider"));
        work.complete(work.task(reference, "marketing"), Map.of("contact", Map.of("action", "none"), "recipients", "none"));
        work.complete(work.task(reference, "support"), Map.of("contact", Map.of("action", "none"), "recipients", "none"));
        work.complete(work.task(reference, "finance"), Map.of("contact", Map.of("action", "restricted",
                "how", "Moved to the archive ledger, readable by the controller only"), "recipients", "none"));
        work.approve(reference);

        String answer = Mails.everything(Mails.lastTo(greenMail, "eva.restrict." + language + "@example.com"));
        assertThat(answer).contains(reference, article, ground, restricted, "Marked as restricted in the CRM; no mailings, no exports",
                "Moved to the archive ledger", lifting, told, "Our CRM provider");
    }

    @Test
    void anUnknownGroundOrAGroundOnAnotherTypeIsRefusedWithA400() {
        assertThatThrownBy(() -> intake.checkAgainstConfiguration(new NewRequest("RESTRICTION", "Eva Ek", "eva@example.com",
                "SE", "en", List.of("contact"), null, false, null, null, null, "BECAUSE")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems()).extracting(p -> p.field() + " " + p.message())
                        .containsExactly("ground must be one of ACCURACY_CONTESTED, UNLAWFUL_PROCESSING, LEGAL_CLAIMS, OBJECTION_PENDING"));
        assertThatThrownBy(() -> intake.checkAgainstConfiguration(new NewRequest("ERASURE", "Eva Ek", "eva@example.com",
                "SE", "en", List.of("contact"), null, false, null, null, null, "LEGAL_CLAIMS")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems()).extracting(p -> p.field() + " " + p.message())
                        .containsExactly("ground is only for a RESTRICTION request"));
    }
}
