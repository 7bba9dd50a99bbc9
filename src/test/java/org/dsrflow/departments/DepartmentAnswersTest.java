package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.request.RequestType;
import org.junit.jupiter.api.Test;

/** The rules of a department's answer, per request type, and the outcome it amounts to. */
class DepartmentAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    /** A department that may keep data for the bookkeeping law only. */
    private static final DsrProperties.Department FINANCE = new DsrProperties.Department(null, "finance@example.org",
            List.of(new DsrProperties.RetentionRule("bookkeeping", null, null, null, Map.of())));
    private static final List<String> HELD = List.of("contact");

    @Test
    void anAccessAnswerSaysWhetherDataWasFound() {
        assertThat(problems(RequestType.ACCESS, Map.of())).containsExactly("say whether you found data about the person (found: yes or no)");
        assertThat(problems(RequestType.ACCESS, Map.of("found", "maybe"))).hasSize(1);
        assertThat(problems(RequestType.PORTABILITY, Map.of("found", "no"))).isEmpty();
    }

    @Test
    void aPartyThatIsNotARecipientOfTheCategoriesIsAProblemNamingIt() throws Exception {
        var answer = JSON.readTree(
                "{\"disclosedTo\": [\"hosting-partner\", \"acme-unknown\"]}");
        assertThat(DepartmentAnswers.unknownParties(answer, List.of("hosting-partner", "google")))
                .containsExactly("disclosedTo: 'acme-unknown' is not a recipient of your categories in the register [google, hosting-partner]");
        assertThat(DepartmentAnswers.unknownParties(answer, List.of("hosting-partner", "acme-unknown"))).isEmpty();
    }

    @Test
    void foundYesWithNothingDescribedIsAProblemNamingTheField() {
        assertThat(problems(RequestType.ACCESS, Map.of("found", "yes"))).singleElement().asString()
                .contains("found: yes", "data", "contact");
        assertThat(problems(RequestType.PORTABILITY, Map.of("found", "yes", "contact", Map.of("data", " ", "source", "CRM"))))
                .hasSize(1);
        assertThat(problems(RequestType.ACCESS, Map.of("found", "yes", "contact", Map.of("data", "Customer since 2019")))).isEmpty();
    }

    @Test
    void aRestrictionSaysWhatWasDoneHowAndWhoWasTold() {
        assertThat(problems(RequestType.RESTRICTION, Map.of("contact", Map.of("action", "erased"))))
                .containsExactly("contact: say what you did (restricted or none)",
                        "name the recipients you told about the restriction (Art. 19), or write 'none'");
        assertThat(problems(RequestType.RESTRICTION, Map.of("contact", Map.of("action", "restricted"), "recipients", "none")))
                .containsExactly("contact: say how the data is restricted");
        assertThat(problems(RequestType.RESTRICTION, Map.of("contact", Map.of("action", "restricted", "how", "flagged in CRM"),
                "recipients", "none"))).isEmpty();
    }

    @Test
    void anObjectionSaysForEachCategoryWhetherProcessingStopped() {
        assertThat(problems(RequestType.OBJECTION, Map.of("contact", Map.of("action", "restricted"))))
                .containsExactly("contact: say what you did (stopped or none)");
        assertThat(problems(RequestType.OBJECTION, Map.of("contact", Map.of("action", "stopped")))).isEmpty();
    }

    @Test
    void aRectificationSaysWhatWasCorrectedOrWhyItWasNot() {
        assertThat(problems(RequestType.RECTIFICATION, Map.of("contact", Map.of("action", "corrected"), "recipients", "none")))
                .containsExactly("contact: say what you corrected");
        assertThat(problems(RequestType.RECTIFICATION, Map.of("contact", Map.of("action", "disputed"), "recipients", "none")))
                .containsExactly("contact: say why the data is accurate and was not corrected");
        assertThat(problems(RequestType.RECTIFICATION, Map.of("contact", Map.of("action", "stopped"))))
                .containsExactly("contact: say what you did (corrected, disputed or none)",
                        "name the recipients you told about the correction (Art. 19), or write 'none'");
        assertThat(problems(RequestType.RECTIFICATION, Map.of("contact", Map.of("action", "corrected", "correction", "new address"),
                "recipients", "none"))).isEmpty();
    }

    @Test
    void anErasureSaysWhatWasDoneAndWhoWasTold() {
        assertThat(problems(RequestType.ERASURE, Map.of("contact", Map.of("action", "stopped"))))
                .containsExactly("contact: say what you did (erased, retained or none)",
                        "name the recipients you told about the erasure (Art. 19), or write 'none'");
        assertThat(problems(RequestType.ERASURE, Map.of("contact", Map.of("action", "erased"), "recipients", "none"))).isEmpty();
    }

    @Test
    void dataKeptAfterAnErasureNamesTheDepartmentsReasonWhatIsKeptAndUntilWhen() {
        assertThat(problems(RequestType.ERASURE, Map.of("contact", Map.of("action", "retained", "rule", "whim"), "recipients", "none")))
                .containsExactly("contact: choose one of your department's retention reasons [bookkeeping]",
                        "contact: say what you keep", "contact: say until when you keep it (YYYY-MM-DD)");
        assertThat(problems(RequestType.ERASURE, retained("2033-12-31"))).isEmpty();
    }

    @Test
    void dataIsNotKeptUntilADayInThePast() {
        assertThat(problems(RequestType.ERASURE, retained("2026-03-01"))).singleElement().asString()
                .contains("is 2026-03-01, a day in the past").contains("2026-03-02 or later");
        assertThat(problems(RequestType.ERASURE, retained("2026-03-02"))).isEmpty();
    }

    @Test
    void dataIsNotKeptMoreThanALifetimeAhead() {
        assertThat(problems(RequestType.ERASURE, retained("2126-03-03"))).singleElement().asString()
                .contains("more than 100 years ahead: check the year");
        assertThat(problems(RequestType.ERASURE, retained("2126-03-02"))).isEmpty();
    }

    @Test
    void aMarketingObjectionNamesTheChannelsStopped() {
        assertThat(problems(RequestType.MARKETING_OBJECTION, Map.of())).containsExactly("say in which channels you stopped marketing (or 'none')");
        assertThat(problems(RequestType.MARKETING_OBJECTION, Map.of("channels", List.of()))).hasSize(1);
        assertThat(problems(RequestType.MARKETING_OBJECTION, Map.of("channels", List.of("none")))).isEmpty();
    }

    @Test
    void accessIsDoneWhenDataWasFound() {
        assertThat(DepartmentAnswers.outcome(RequestType.ACCESS, json(Map.of("found", "yes")), HELD)).isEqualTo(DepartmentOutcome.DONE);
        assertThat(DepartmentAnswers.outcome(RequestType.ACCESS, json(Map.of("found", "no")), HELD))
                .isEqualTo(DepartmentOutcome.NOTHING_FOUND);
    }

    @Test
    void anErasureIsDoneWhenTheDepartmentActedOnACategoryItHolds() {
        assertThat(DepartmentAnswers.outcome(RequestType.ERASURE, json(Map.of("contact", Map.of("action", "erased"))), HELD))
                .isEqualTo(DepartmentOutcome.DONE);
        assertThat(DepartmentAnswers.outcome(RequestType.ERASURE, json(Map.of("contact", Map.of("action", "none"))), HELD))
                .isEqualTo(DepartmentOutcome.NOTHING_FOUND);
        // An action on a category the department does not hold does not count.
        assertThat(DepartmentAnswers.outcome(RequestType.ERASURE, json(Map.of("health", Map.of("action", "erased"))), HELD))
                .isEqualTo(DepartmentOutcome.NOTHING_FOUND);
    }

    @Test
    void aMarketingObjectionIsDoneWhenAChannelWasStopped() {
        assertThat(DepartmentAnswers.outcome(RequestType.MARKETING_OBJECTION, json(Map.of("channels", List.of("none", "email"))), HELD))
                .isEqualTo(DepartmentOutcome.DONE);
        assertThat(DepartmentAnswers.outcome(RequestType.MARKETING_OBJECTION, json(Map.of("channels", List.of("none"))), HELD))
                .isEqualTo(DepartmentOutcome.NOTHING_FOUND);
    }

    @Test
    void anErasedCategoryWeMadePublicSaysWhichStepsInformedOthersWhoProcessIt() {
        assertThat(published(Map.of("communication", Map.of("action", "erased")))).singleElement().asString()
                .contains("communication", DepartmentAnswer.PUBLICATION, "Art. 17(2)");
        assertThat(published(Map.of("communication", Map.of("action", "erased", "publication", "informed")))).singleElement().asString()
                .contains("communication", DepartmentAnswer.PUBLICATION_STEPS);
        assertThat(published(Map.of("communication", Map.of("action", "erased", "publication", "checked", "publicationSteps", " "))))
                .singleElement().asString().contains(DepartmentAnswer.PUBLICATION_STEPS);
        assertThat(published(Map.of("communication", Map.of("action", "erased", "publication", "informed",
                "publicationSteps", "Asked the review site that reposted it to remove the copy")))).isEmpty();
        // none of this person's data was published: there is no one to inform (Art. 17(2) applies to data made public)
        assertThat(published(Map.of("communication", Map.of("action", "erased", "publication", "unpublished")))).isEmpty();
        assertThat(published(Map.of("communication", Map.of("action", "erased", "publication", "maybe")))).singleElement().asString()
                .contains(DepartmentAnswer.PUBLICATION);
        // kept or never held: nothing was erased, so no one is to be told of an erasure
        assertThat(published(Map.of("communication", Map.of("action", "retained")))).isEmpty();
        assertThat(published(Map.of("communication", Map.of("action", "none")))).isEmpty();
        // a category the register does not mark as made public asks for no step
        assertThat(DepartmentAnswers.publicationProblems(RequestType.ERASURE, json(Map.of("contact", Map.of("action", "erased"))),
                List.of("contact", "communication"), java.util.Set.of("communication"))).isEmpty();
    }

    private static List<String> published(Map<String, ?> answer) {
        return DepartmentAnswers.publicationProblems(RequestType.ERASURE, json(answer), List.of("communication"),
                java.util.Set.of("communication"));
    }

    private static Map<String, Object> retained(String until) {
        return Map.of("contact", Map.of("action", "retained", "rule", "bookkeeping", "kept", "invoices", "until", until),
                "recipients", "none");
    }

    private static List<String> problems(RequestType type, Map<String, ?> answer) {
        return DepartmentAnswers.problems(type, json(answer), HELD, FINANCE, TODAY);
    }

    private static JsonNode json(Map<String, ?> answer) {
        return JSON.valueToTree(answer);
    }
}
