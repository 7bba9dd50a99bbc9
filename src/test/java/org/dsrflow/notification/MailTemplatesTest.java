package org.dsrflow.notification;

import org.dsrflow.testsupport.ReferenceLanguages;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dsrflow.request.Language;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.testsupport.SampleEmails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every requester email in every language: the reference, the links, the dates written for the
 * language, the supervisory authority where the email names rights, every text resolved (no
 * "??key??"), and user-supplied values escaped. Rendered by the same Thymeleaf setup as the app.
 */
class MailTemplatesTest {

    static final String NAME = "<script>alert(1)</script> Åsa";
    static final String REFERENCE = "DSR-2026-000042";
    static final Set<EmailKind> WITH_RIGHTS = Set.of(EmailKind.EXTENSION_NOTICE, EmailKind.REFUSAL, EmailKind.RESPONSE,
            EmailKind.RESTRICTION_LIFTING_NOTICE, EmailKind.FEE_NOTICE, EmailKind.CLOSED_FEE_UNPAID,
            // Art. 12(4): every closure without action names the authority and the court.
            EmailKind.CLOSED_UNCONFIRMED, EmailKind.CLOSED_NO_REPLY);
    /** Art. 77: the person may complain where they live or work, not only to our authority. */
    static final Map<Language, String> WHERE_THEY_LIVE = Map.of(ReferenceLanguages.EN, "where you live or work",
            ReferenceLanguages.SV, "där du bor eller arbetar", ReferenceLanguages.NB, "der du bor eller arbeider",
            ReferenceLanguages.DA, "hvor du bor eller arbejder", ReferenceLanguages.FI, "jossa asut tai työskentelet");
    /** The court, as each language's rights sentence names it. */
    static final Map<Language, String> COURT = Map.of(ReferenceLanguages.EN, "court", ReferenceLanguages.SV, "domstol",
            ReferenceLanguages.NB, "domstol", ReferenceLanguages.DA, "domstol", ReferenceLanguages.FI, "tuomioistui");
    static final Map<Language, String> GREETING = Map.of(ReferenceLanguages.EN, "Dear", ReferenceLanguages.SV, "Hej", ReferenceLanguages.NB, "Hei",
            ReferenceLanguages.DA, "Kære", ReferenceLanguages.FI, "Hyvä");

    static MailComposer composer;
    static final DateText DATES = new DateText();

    @BeforeAll
    static void engine() {
        org.dsrflow.testsupport.MailTemplates mail = org.dsrflow.testsupport.MailTemplates.create();
        composer = new MailComposer(mail.engine(), mail.messages(), DATES);
    }

    static Stream<Arguments> requesterEmails() {
        return Stream.of(EmailKind.values()).filter(kind -> kind.audience() == EmailKind.Audience.REQUESTER
                        || kind.audience() == EmailKind.Audience.EXTERNAL_PARTY)
                .flatMap(kind -> Stream.of(ReferenceLanguages.values()).map(language -> Arguments.of(kind, language)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("requesterEmails")
    void requesterEmailRendersCompletelyInTheLanguage(EmailKind kind, Language language) {
        RenderedEmail email = composer.render(kind, language.locale(), model(kind));

        assertThat(email.subject()).contains(REFERENCE).doesNotContain("??");
        for (String body : List.of(email.html(), email.text())) {
            assertThat(body).contains(REFERENCE).doesNotContain("??").contains(GREETING.get(language));
        }
        assertThat(email.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; Åsa").doesNotContain("<script>")
                .contains("lang=\"" + language.name() + "\"");
        String date = DATES.format(LocalDate.parse("2026-04-07"), language.locale());
        switch (kind) {
            case ACKNOWLEDGEMENT, CONFIRMATION_REMINDER -> assertThat(email.text()).contains("https://dsr.example.org/confirm?token=abc");
            case EXTENSION_NOTICE -> assertThat(email.text()).contains(DATES.format(LocalDate.parse("2026-06-05"), language.locale()));
            case RESPONSE -> assertThat(email.text()).contains("https://dsr.example.org/download?token=xyz",
                    DATES.format(LocalDate.parse("2026-05-07"), language.locale()));
            case IDENTITY_EVIDENCE_REQUEST -> assertThat(email.text()).contains("Your customer number", "/reply?token=");
            case DOWNLOAD_LINK -> {
                assertThat(email.text()).contains("https://dsr.example.org/download?token=xyz",
                        DATES.format(LocalDate.parse("2026-05-07"), language.locale()));
                assertThat(email.html()).contains(">https://dsr.example.org/download?token=xyz</a>");
            }
            case EXTERNAL_PARTY_REQUEST, EXTERNAL_PARTY_REMINDER -> {
                assertThat(email.text()).contains("https://dsr.example.org/external?token=ext", "Contact details", "19",
                        DATES.format(LocalDate.parse("2026-04-30"), language.locale()));
                assertThat(email.text()).doesNotContain("ann@example.com");
            }
            case RESTRICTION_LIFTING_NOTICE -> {
                assertThat(email.text()).contains("Contact details", "<b>Accuracy</b> verified", "18",
                        DATES.format(LocalDate.parse("2026-04-21"), language.locale()));
                assertThat(email.html()).contains("&lt;b&gt;Accuracy&lt;/b&gt; verified");
            }
            case CLARIFICATION_REQUEST, CLARIFICATION_REMINDER -> {
                assertThat(email.text()).contains("Which of your <b>two</b> accounts do you mean?", "/reply?token=", date,
                        DATES.format(LocalDate.parse("2026-04-04"), language.locale()));
                assertThat(email.html()).contains("Which of your &lt;b&gt;two&lt;/b&gt; accounts").doesNotContain("<b>two</b>");
            }
            case FEE_NOTICE -> assertThat(email.text()).contains("450.00 SEK", "Your fourth identical request this year",
                    "Three hours of searching", "Bankgiro 123-4567", DATES.format(LocalDate.parse("2026-04-04"), language.locale()));
            case CLOSED_FEE_UNPAID -> assertThat(email.text()).contains("450.00 SEK",
                    DATES.format(LocalDate.parse("2026-04-04"), language.locale()));
            case TRANSMISSION_CONFIRMATION -> {
                assertThat(email.text()).contains("<b>Nordic</b> Bank AB", "portability@bank.example",
                        DATES.format(LocalDate.parse("2026-04-30"), language.locale()));
                assertThat(email.html()).contains("&lt;b&gt;Nordic&lt;/b&gt; Bank AB").doesNotContain("<b>Nordic</b>");
            }
            default -> { }
        }
        if (kind == EmailKind.ACKNOWLEDGEMENT) {
            assertThat(email.text()).contains(DATES.format(LocalDate.parse("2026-03-05"), language.locale()));
        }
        if (WITH_RIGHTS.contains(kind)) {
            for (String body : List.of(email.html(), email.text())) {
                assertThat(body).contains("Integritetsskyddsmyndigheten (IMY)", "https://www.imy.se", COURT.get(language),
                        WHERE_THEY_LIVE.get(language));
            }
        }
        if (language != ReferenceLanguages.EN) {
            assertThat(email.text()).doesNotContain("Dear ", "If you ");
        }
        assertThat(date).isNotBlank();
    }

    /**
     * Art. 20(2): the organisation a requester had their portability package sent to reads English (its language is not
     * the request's): the sender, the reference, the link with its expiry and download limit, "a link, not an upload", and
     * the name the requester typed escaped.
     */
    @org.junit.jupiter.api.Test
    void theOtherOrganisationsEmailIsEnglishWithTheLinkAndItsLimitsAndEscapesTheNameTheRequesterGave() {
        Map<String, Object> model = SampleEmails.model("<b>Nordic</b> Bank AB", REFERENCE);
        RenderedEmail email = composer.render(EmailKind.TRANSMISSION, java.util.Locale.ENGLISH, model);

        assertThat(email.subject()).contains(REFERENCE).doesNotContain("??");
        assertThat(email.text()).contains("Dear <b>Nordic</b> Bank AB", "Example Group sends you", REFERENCE, "Art. 20(2)",
                "https://dsr.example.org/transfer?token=trf", DATES.format(LocalDate.parse("2026-04-30"), java.util.Locale.ENGLISH),
                "at most 5 times", "rather than uploading into your systems", "manifest.csv").doesNotContain("??");
        assertThat(email.html()).contains("&lt;b&gt;Nordic&lt;/b&gt; Bank AB", ">https://dsr.example.org/transfer?token=trf</a>")
                .doesNotContain("<b>Nordic</b>", "Åsa");
    }

    /**
     * UK: from 19 June 2026 a person may complain to the controller first (DPA 2018 s.164A); every email with the
     * remedies at a GB site offers it, beside the ICO and the courts, never instead; other sites say nothing of it.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(names = {"EXTENSION_NOTICE", "REFUSAL", "RESPONSE", "RESTRICTION_LIFTING_NOTICE",
            "FEE_NOTICE", "CLOSED_FEE_UNPAID", "CLOSED_UNCONFIRMED", "CLOSED_NO_REPLY"})
    void atAGreatBritainSiteEveryRemedyAlsoOffersAComplaintToUsFirst(EmailKind kind) throws Exception {
        assertThat(WITH_RIGHTS).contains(kind);
        DsrProperties.Authority ico = org.dsrflow.config.ProcessingRegisterTest.shipped().sites().get("GB").authority();
        for (Language language : ReferenceLanguages.values()) {
            String complaintsToUs = ico.complaintsToUs().in(language.name());
            Map<String, Object> model = model(kind);
            model.put("site", new Register.Site("GB", "United Kingdom", java.time.ZoneId.of("Europe/London"),
                    ico.name().in(language.name()), ico.address().in(language.name()), ico.url().toString(), complaintsToUs));
            RenderedEmail email = composer.render(kind, language.locale(), model);
            for (String body : List.of(org.springframework.web.util.HtmlUtils.htmlUnescape(email.html()), email.text())) {
                assertThat(body).as(kind + " in " + language).contains(complaintsToUs, "s.164A", "Information Commissioner", COURT.get(language));
            }
            assertThat(composer.render(kind, language.locale(), model(kind)).text()).doesNotContain("s.164A");
        }
    }

    private static Map<String, Object> model(EmailKind kind) {
        Map<String, Object> model = SampleEmails.model(NAME, REFERENCE);
        if (kind.audience() == EmailKind.Audience.EXTERNAL_PARTY) {
            model.put("type", "ERASURE");
        }
        return model;
    }
}
