package org.dsrflow.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.ProcessingRegisterTest;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentOutcome;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Language;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestType;
import org.dsrflow.testsupport.Lanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The answer compiled from the departments' answers and the shipped processing register, in the request's
 * language; the departments' answers, the process and the parties are stand-ins.
 */
@Tag(Lanes.FIRST) // balances the two test JVMs (testsupport/Lanes)
class AnswerBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 20);

    private final DepartmentResultRepository results = mock(DepartmentResultRepository.class);
    private final RequestProcessAdapter process = mock(RequestProcessAdapter.class);
    private final ExternalPartyAnswers parties = mock(ExternalPartyAnswers.class);
    private final ReviewedFiles files = mock(ReviewedFiles.class);
    private final org.dsrflow.systems.SystemRecords systems = mock(org.dsrflow.systems.SystemRecords.class);
    private final List<DepartmentResult> answers = new ArrayList<>();
    private Register register;
    private AnswerBuilder builder;

    @BeforeEach
    void builder() throws Exception {
        register = new Register(ProcessingRegisterTest.shipped());
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        builder = new AnswerBuilder(results, register, messages, process, parties, files, systems);
        when(results.findByRequest(1L)).thenReturn(answers);
        when(parties.of(1L)).thenReturn(List.of());
    }

    @Test
    void anAccessAnswerHasASectionPerCategoryInWhichDataWasFoundWithEachDepartmentsFinding() {
        answered("sales", Map.of("found", "yes", "contact", Map.of("data", "Eva, eva@example.org", "source", "")));
        answered("marketing", Map.of("found", "yes", "contact", Map.of("data", "newsletter list", "source", "a fair")));
        answered("support", Map.of("found", "no"));

        Answer answer = builder.build(request(RequestType.ACCESS, "contact", "transaction"), TODAY, null);

        Register.InLanguage texts = register.in("en");
        assertThat(answer.dataFound()).isTrue();
        assertThat(answer.categories()).singleElement().satisfies(section -> {
            assertThat(section.name()).isEqualTo(texts.category("contact").name());
            assertThat(section.findings()).containsExactly(
                    new Answer.Finding(texts.departmentName("sales"), "Eva, eva@example.org", null),
                    new Answer.Finding(texts.departmentName("marketing"), "newsletter list", "a fair"));
        });
        assertThat(answer.rights()).hasSize(2);
        verifyNoInteractions(process);
    }

    @Test
    void anAccessAnswerWithoutDataSaysSo() {
        answered("sales", Map.of("found", "no"));

        assertThat(builder.build(request(RequestType.ACCESS, "contact"), TODAY, null).dataFound()).isFalse();
    }

    @Test
    void theAnswerIsInTheRequestersLanguage() {
        answered("sales", Map.of("found", "yes", "contact", Map.of("data", "Eva")));

        Answer answer = builder.build(request(RequestType.ACCESS, Language.valueOf("sv"), "contact"), TODAY, null);

        assertThat(answer.categories().get(0).name()).isEqualTo(register.in("sv").category("contact").name());
        assertThat(answer.organisation()).isEqualTo(register.in("sv").organisationName());
    }

    @Test
    void aPortabilityAnswerListsThePurposesOutsideTheRightBesideTheDataItCovers() {
        answered("marketing", Map.of("found", "yes", "communication", Map.of("data", "my testimonial"), "contact", Map.of("data", "Eva")));

        Answer answer = builder.build(request(RequestType.PORTABILITY, "communication", "contact"), TODAY, null);

        // communication: testimonials (consent) portable; following up and improving our services (legitimate interest) not
        assertThat(answer.notPortable()).containsExactly("Communication (Answering you and following up; Improving our services)");
        assertThat(answer.categories()).extracting(Answer.CategorySection::id).containsExactly("communication", "contact");
    }

    @Test
    void anErasureAnswerListsWhatWasErasedAndWhatIsKeptWithTheDepartmentsReasonAndDay() {
        answered("marketing", Map.of("contact", Map.of("action", "erased"), "recipients", "Mail provider"));
        answered("sales", Map.of("contact", Map.of("action", "retained", "rule", "active-licence", "kept", "the contract",
                "until", "2027-12-31"), "recipients", "none"));

        Answer answer = builder.build(request(RequestType.ERASURE, "contact"), TODAY, null);

        Register.InLanguage texts = register.in("en");
        String contact = texts.category("contact").name();
        assertThat(answer.erased()).containsExactly(new Answer.ErasureItem(texts.departmentName("marketing"), contact));
        Register.RetentionRule rule = texts.retentionRules("sales", "SE").stream()
                .filter(candidate -> candidate.id().equals("active-licence")).findFirst().orElseThrow();
        assertThat(answer.retained()).containsExactly(new Answer.RetainedItem(texts.departmentName("sales"), contact, "the contract",
                rule.label(), rule.legalBasis(), rule.period(), LocalDate.of(2027, 12, 31)));
        assertThat(answer.recipientsNotified()).containsExactly(texts.departmentName("marketing") + ": Mail provider");
    }

    /** Art. 17(2): erased data we had made public says what was done to inform others; data never published says nothing. */
    @Test
    void erasedDataWeMadePublicSaysWhetherOthersWereInformedAndNeverTheStaffsOwnWords() {
        answered("marketing", Map.of("communication", Map.of("action", "erased", "publication", "checked",
                "publicationSteps", "Searched the web for the quote: only on our site"), "recipients", "none"));
        answered("support", Map.of("communication", Map.of("action", "erased", "publication", "unpublished"), "recipients", "none"));
        answered("webdigital", Map.of("contact", Map.of("action", "erased"), "recipients", "none"));

        Answer answer = builder.build(request(RequestType.ERASURE, Language.valueOf("fi"), "communication", "contact"), TODAY, null);

        Register.InLanguage texts = register.in("fi");
        String communication = texts.category("communication").name();
        assertThat(answer.madePublic()).containsExactly(new Answer.ErasureItem(texts.departmentName("marketing"), communication,
                texts.purpose("testimonials").name(), "checked"));
        assertThat(answer.erased()).contains(new Answer.ErasureItem(texts.departmentName("support"), communication),
                new Answer.ErasureItem(texts.departmentName("webdigital"), texts.category("contact").name()));
        assertThat(answer.toString()).doesNotContain("Searched the web");
    }

    @Test
    void aRetentionReasonNoLongerInTheRegisterIsShownByItsId() {
        answered("sales", Map.of("contact", Map.of("action", "retained", "rule", "old-rule", "kept", "x", "until", "2027-01-01")));

        Answer.RetainedItem kept = builder.build(request(RequestType.ERASURE, "contact"), TODAY, null).retained().get(0);

        assertThat(kept.reason()).isEqualTo("old-rule");
        assertThat(kept.legalBasis()).isNull();
    }

    @Test
    void aRectificationAndARestrictionListWhatWasCorrectedDisputedAndRestricted() {
        answered("sales", Map.of("contact", Map.of("action", "corrected", "correction", "new address")));
        answered("marketing", Map.of("contact", Map.of("action", "disputed", "reason", "it is right")));
        answered("support", Map.of("contact", Map.of("action", "restricted", "how", "flagged")));

        Answer answer = builder.build(request(RequestType.RECTIFICATION, "contact"), TODAY, null);

        assertThat(answer.corrected()).extracting(Answer.CorrectionItem::text).containsExactly("new address");
        assertThat(answer.disputed()).extracting(Answer.CorrectionItem::text).containsExactly("it is right");
        assertThat(answer.restricted()).extracting(Answer.CorrectionItem::text).containsExactly("flagged");
    }

    @Test
    void aMarketingObjectionListsTheChannelsStoppedOnce() {
        answered("marketing", Map.of("channels", List.of("email", "none")));
        answered("sales", Map.of("channels", List.of("email", "phone")));

        assertThat(builder.build(request(RequestType.MARKETING_OBJECTION), TODAY, null).marketingStopped())
                .containsExactly("email", "phone");
    }

    @Test
    void anObjectionStopsEachObjectablePurposeUnlessThePrivacyTeamContinuesOnGrounds() {
        answered("marketing", Map.of("communication", Map.of("action", "stopped")));
        when(process.objectionDecisions("pi-1"))
                .thenReturn("{\"follow-up\": {\"override\": \"yes\", \"grounds\": \"legal claim pending\"}}");

        Answer answer = builder.build(request(RequestType.OBJECTION, "communication"), TODAY, null);

        Register.InLanguage texts = register.in("en");
        assertThat(answer.objection()).containsExactlyInAnyOrder(
                new Answer.ObjectionItem(texts.purpose("follow-up").name(), texts.purpose("follow-up").legalBasis(), true,
                        "legal claim pending"),
                new Answer.ObjectionItem(texts.purpose("service-improvement").name(),
                        texts.purpose("service-improvement").legalBasis(), false, null));
    }

    @Test
    void thePartiesAreNamedInTheRequestersLanguageWithWhatTheyAnswered() {
        Instant asked = Instant.parse("2026-03-10T10:00:00Z");
        when(parties.of(1L)).thenReturn(List.of(
                new ExternalPartyAnswers.PartyAnswer("crm-provider", "contact", asked, asked.plusSeconds(86_400), "x",
                        ExternalPartyAnswers.Outcome.DONE, "deleted"),
                new ExternalPartyAnswers.PartyAnswer("gone-party", "contact", asked, null, null, null, null)));

        List<Answer.PartyItem> items = builder.build(request(RequestType.ERASURE, "contact"), TODAY, null).parties();

        assertThat(items).containsExactly(
                new Answer.PartyItem(register.in("en").recipient("crm-provider").name(), "DONE", LocalDate.of(2026, 3, 10),
                        LocalDate.of(2026, 3, 11), "deleted"),
                new Answer.PartyItem("gone-party", "WAITING", LocalDate.of(2026, 3, 10), null, null));
    }

    @Test
    void aCategoryNoLongerInTheRegisterIsLeftOut() {
        answered("sales", Map.of("found", "yes", "pets", Map.of("data", "a cat")));

        assertThat(builder.build(request(RequestType.ACCESS, "pets"), TODAY, "part refused").categories()).isEmpty();
    }

    @Test
    void theAnswerListsTheFilesHandedOverAndWhatWasWithheldOrRedactedWithTheReasonButNotAWithheldFilesName() {
        answered("marketing", Map.of("found", "yes", "digital", Map.of("data", "photos")));
        ReviewedFiles.HandedFile photo = new ReviewedFiles.HandedFile("f1", "marketing", "digital", "photo.png", "image/png", 2048, "aa");
        ReviewedFiles.HandedFile redacted = new ReviewedFiles.HandedFile("f4", "marketing", "digital", "chat-redacted.txt", "text/plain", 10, "bb");
        when(files.of(1L)).thenReturn(List.of(
                new ReviewedFiles.ReviewedFile(photo.id(), "t1", photo.department(), photo.category(), photo.name(), photo.type(),
                        photo.size(), photo.sha256(), "marketing1", Instant.EPOCH, ReviewedFiles.Decision.INCLUDE, null, "privacy1",
                        Instant.EPOCH, null),
                reviewedFile("f2", "complaint-about-bob.eml", ReviewedFiles.Decision.EXCLUDE, "About another customer.", null),
                reviewedFile("f3", "chat.txt", ReviewedFiles.Decision.REPLACE, "Others' messages removed.", redacted)));

        Answer answer = builder.build(request(RequestType.ACCESS, "digital"), TODAY, null);

        String digital = register.in("en").category("digital").name();
        String marketing = register.in("en").departmentName("marketing");
        assertThat(answer.files()).containsExactly(new Answer.FileItem("photo.png", digital, marketing, "2 KB"),
                new Answer.FileItem("chat-redacted.txt", digital, marketing, "10 B"));
        assertThat(answer.withheldFiles()).containsExactly(
                new Answer.WithheldFile(null, digital, marketing, false, "About another customer."),
                new Answer.WithheldFile("chat-redacted.txt", digital, marketing, true, "Others' messages removed."));
    }

    private static ReviewedFiles.ReviewedFile reviewedFile(String id, String name, ReviewedFiles.Decision decision, String reason,
                                                           ReviewedFiles.HandedFile redacted) {
        return new ReviewedFiles.ReviewedFile(id, "t1", "marketing", "digital", name, "text/plain", 10, "cc", "marketing1",
                Instant.EPOCH, decision, reason, "privacy1", Instant.EPOCH, redacted);
    }

    private void answered(String department, Map<String, ?> answer) {
        answers.add(new DepartmentResult(department, DepartmentOutcome.DONE, JSON.valueToTree(answer), "someone", Instant.EPOCH));
    }

    private static DsrRequest request(RequestType type, String... categories) {
        return request(type, Language.valueOf("en"), categories);
    }

    private static DsrRequest request(RequestType type, Language language, String... categories) {
        return new DsrRequest(1L, "DSR-2026-000001", type, "SE", language, Channel.WEB, "Eva", "eva@example.org",
                List.of(categories), null, RequestStatus.IN_PROGRESS, LocalDate.of(2026, 3, 2), Instant.EPOCH, null, null,
                LocalDate.of(2026, 4, 2), null, null, null, false, "pi-1", false, null, null, null);
    }
}
