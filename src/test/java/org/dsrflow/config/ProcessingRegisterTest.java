package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped processing register: it binds, passes the start-up check, and agrees with the routing
 * decision (every category reaches exactly the departments the register says hold it).
 */
public class ProcessingRegisterTest {

    public static DsrProperties.Organisation shipped() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("register",
                new ClassPathResource("processing-register.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        return Binder.get(environment).bind("dsr.organisation", DsrProperties.Organisation.class).get();
    }

    @Test
    void shippedRegisterIsValid() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        assertThat(ProcessingRegisterCheck.problems(organisation)).isEmpty();
        assertThat(organisation.categories().keySet())
                .containsExactly("contact", "identification", "transaction", "communication", "digital", "health");
        assertThat(organisation.category("health").specialCategory()).isTrue();
        assertThat(organisation.sites()).containsKeys("SE", "NO", "DK", "FI", "GB", "INT");
        assertThat(organisation.department("finance").retentionRules().get(0).periodFor("DK").in("en")).contains("5 years");
        assertThat(organisation.department("finance").retentionRules().get(0).periodFor("SE").in("en")).contains("7th year");
    }

    @Test
    void routingDecisionSendsEachCategoryToTheDepartmentsThatHoldIt() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision routing;
        try (InputStream xml = getClass().getResourceAsStream("/bpmn/department-routing.dmn")) {
            routing = dmn.parseDecision("department-routing", xml);
        }
        for (Map.Entry<String, DsrProperties.Category> category : organisation.categories().entrySet()) {
            List<Object> departments = dmn.evaluateDecisionTable(routing, Variables.createVariables()
                    .putValue("type", "ACCESS").putValue("categories", List.of(category.getKey())).putValue("site", "SE"))
                    .collectEntries("department");
            assertThat(departments).as(category.getKey())
                    .containsExactlyInAnyOrderElementsOf(category.getValue().departments());
        }
    }

    /**
     * A retention rule names the ground it keeps data on. Art. 17(3) exceptions are for a legal
     * obligation (b) or legal claims (e), never for a contract or a legitimate interest (there the
     * data is still needed, so no Art. 17(1)(a) ground applies); Art. 17(1)(c) is an objection the
     * person may not have made. Checked in every language through the article numbers each text cites.
     */
    @Test
    void retentionRulesCiteOnlyTheErasureGroundTheirLegalBasisSupports() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        for (var department : organisation.departments().entrySet()) {
            for (DsrProperties.RetentionRule rule : department.getValue().retentionRules()) {
                String english = rule.legalBasis().in("en");
                String what = department.getKey() + "/" + rule.id() + ": " + english;
                assertThat(english).as(what).doesNotContain("17(1)(c)");
                if (english.contains("Art. 6(1)(b)") || english.contains("Art. 6(1)(f)")) {
                    assertThat(english).as(what).doesNotContain("17(3)");
                }
                for (String language : organisation.languages()) {
                    assertThat(rule.legalBasis().in(language)).as(what + " in " + language)
                            .doesNotContain("17.1 c", "17 nr. 1 bokstav c", "17, stk. 1, litra c", "17 artiklan 1 kohdan c");
                }
            }
        }
    }

    @Test
    void shippedRegisterSpeaksEveryLanguageOfTheOrganisation() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        assertThat(organisation.languages()).containsExactly("en", "sv", "nb", "da", "fi");
        assertThat(organisation.category("contact").name().in("sv")).isEqualTo("Kontaktuppgifter");
        assertThat(organisation.category("contact").name().in("fi")).isNotEqualTo(organisation.category("contact").name().in("en"));
        assertThat(ProcessingRegisterCheck.messageProblems(organisation.languages())).isEmpty();
    }

    /** The shipped standard reasons are in every language; one without Finnish, or given twice, fails naming the entry. */
    @Test
    void standardReasonsAreCheckedLikeEveryRequesterTextNamingTheEntry() throws Exception {
        DsrProperties.Organisation shipped = shipped();
        assertThat(shipped.reasons().refusal()).extracting(DsrProperties.Reason::id).containsExactly("repetitive", "unfounded");
        assertThat(shipped.reasons().extension()).extracting(DsrProperties.Reason::id).containsExactly("complex", "number");
        assertThat(shipped.reasons().fee()).extracting(DsrProperties.Reason::id).containsExactly("repetitive", "excessive");
        assertThat(ProcessingRegisterCheck.problems(shipped)).isEmpty();

        DsrProperties.Reason complex = shipped.reasons().extension().get(0);
        Text noFinnish = new Text();
        noFinnish.putAll(complex.text());
        noFinnish.remove("fi");
        DsrProperties.Organisation broken = new DsrProperties.Organisation(shipped.languages(), shipped.name(), shipped.contact(),
                shipped.automatedDecisions(), shipped.transfers(), shipped.sites(), shipped.legalBases(), shipped.objectionBases(),
                shipped.consentBases(), shipped.portabilityBases(), shipped.purposes(), shipped.recipients(), shipped.departments(),
                shipped.categories(), new DsrProperties.Reasons(shipped.reasons().refusal(),
                        List.of(new DsrProperties.Reason("complex", complex.label(), noFinnish, false),
                                shipped.reasons().extension().get(1), shipped.reasons().extension().get(1)), null));
        assertThat(ProcessingRegisterCheck.problems(broken)).containsExactlyInAnyOrder(
                "dsr.organisation.reasons.extension[complex].text: no text in 'fi'",
                "dsr.organisation.reasons.extension[number]: the id is given twice");
    }

    @Test
    void unknownReferencesBadGroupKeysAndMissingTranslationsAreReportedByKeyAndLanguage() throws Exception {
        DsrProperties.Organisation shipped = shipped();
        DsrProperties.Category contact = shipped.category("contact");
        Text swedishMissing = new Text();
        swedishMissing.putAll(contact.name());
        swedishMissing.remove("sv");
        swedishMissing.put("de", "Kontaktdaten");
        DsrProperties.Organisation broken = new DsrProperties.Organisation(shipped.languages(), shipped.name(), shipped.contact(),
                shipped.automatedDecisions(), shipped.transfers(), shipped.sites(), shipped.legalBases(),
                List.of("legitimate-interest", "hunch"),
                List.of("consent", "legitimate-interest", "mood"), List.of("consent"),
                Map.of("newsletters", new DsrProperties.Purpose(shipped.purposes().get("newsletters").name(), "whim")),
                shipped.recipients(),
                Map.of("sales", shipped.department("sales"),
                        "web-digital", new DsrProperties.Department(contact.name(), "web@example.org", List.of(
                                new DsrProperties.RetentionRule("logs", contact.name(), contact.name(), contact.name(),
                                        Map.of("US", contact.name()))))),
                Map.of("contact", new DsrProperties.Category(swedishMissing, contact.description(), List.of("newsletters", "profiling"),
                        List.of("crm-provider", "data-broker"), contact.retention(), contact.source(), List.of("sales", "legal"), false, false, List.of())));
        assertThat(ProcessingRegisterCheck.problems(broken)).containsExactlyInAnyOrder(
                "dsr.organisation.departments.web-digital: the key must contain only letters and digits (it is a Camunda group)",
                "dsr.organisation.categories.contact.name: no text in 'sv'",
                "dsr.organisation.categories.contact.name: text in 'de', which is not one of the organisation's languages [en, sv, nb, da, fi]",
                "dsr.organisation.categories.contact.departments: unknown department 'legal'",
                "dsr.organisation.categories.contact.purposes: unknown purpose 'profiling'",
                "dsr.organisation.categories.contact.recipients: unknown recipient 'data-broker'",
                "dsr.organisation.purposes.newsletters.legal-basis: unknown legal basis 'whim' (not in legal-bases)",
                "dsr.organisation.objection-bases: unknown legal basis 'hunch' (not in legal-bases)",
                "dsr.organisation.consent-bases: unknown legal basis 'mood' (not in legal-bases)",
                "dsr.organisation.consent-bases: 'legitimate-interest' is also in objection-bases; consent is withdrawn"
                        + " (Art. 7(3)), an objection to legitimate interests or a public task is weighed (Art. 21(1)): name it in one list",
                "dsr.organisation.departments.web-digital.retention-rules[logs].period-by-site: unknown site 'US'");
    }

    /** The shipped register with some keys overridden, as an organisation's config/processing-register.yaml would. */
    static DsrProperties.Organisation shippedWith(Map<String, Object> overrides) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("override", overrides));
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("register",
                new ClassPathResource("processing-register.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        return Binder.get(environment).bind("dsr.organisation", DsrProperties.Organisation.class).get();
    }

    /** C-154/21: a recipient's identity is said as recorded; a blank one would tell the person nothing. */
    @Test
    void aBlankLegalNameRefusesToStartNamingTheRecipient() throws Exception {
        DsrProperties.Organisation organisation = shippedWith(Map.of("dsr.organisation.recipients.google.legal-name", " "));
        assertThat(ProcessingRegisterCheck.problems(organisation)).containsExactly(
                "dsr.organisation.recipients.google.legal-name: blank (leave it out where the recipient is named by its role only)");
    }

    /** Art. 15(1)(c), 15(2): a third-country recipient's country and safeguard reach the person in their language. */
    @Test
    void aThirdCountryRecipientWithoutItsSafeguardInALanguageRefusesToStartNamingTheRecipient() throws Exception {
        DsrProperties.Organisation organisation = shippedWith(Map.of(
                "dsr.organisation.recipients.hosting-partner.third-country.safeguard.fi", ""));
        assertThat(ProcessingRegisterCheck.problems(organisation)).containsExactly(
                "dsr.organisation.recipients.hosting-partner.third-country.safeguard: no text in 'fi'");
    }

    /** Art. 20(1)(a): portability covers processing on consent or contract; a purpose on another basis cannot be listed. */
    @Test
    void aPurposeOnLegitimateInterestListedAsPortableRefusesToStartNamingIt() throws Exception {
        DsrProperties.Organisation organisation = shippedWith(Map.of(
                "dsr.organisation.categories.communication.portable-purposes[0]", "testimonials",
                "dsr.organisation.categories.communication.portable-purposes[1]", "follow-up"));
        assertThat(ProcessingRegisterCheck.problems(organisation)).containsExactly(
                "dsr.organisation.categories.communication.portable-purposes: 'follow-up' is processed on 'legitimate-interest';"
                        + " data portability (Art. 20(1)(a)) covers only purposes on consent or contract (portability-bases [consent, explicit-consent, contract])");
    }

    /** Art. 17(2): the register says which purposes make data public, and where, for the department's erasure form. */
    @Test
    void thePurposesThatMakeDataPublicSayWhereAndABlankPlaceIsReported() throws Exception {
        DsrProperties.Organisation shipped = shipped();
        assertThat(shipped.purposes().entrySet().stream().filter(purpose -> purpose.getValue().madePublic() != null)
                .map(Map.Entry::getKey)).containsExactly("testimonials");
        assertThat(new Register(shipped).in("sv").publications("communication")).singleElement()
                .satisfies(publication -> {
                    assertThat(publication.purpose()).isEqualTo("Publicera kundomdömen som du har godkänt");
                    assertThat(publication.where()).isEqualTo("testimonials on our websites and our social media pages");
                });
        assertThat(new Register(shipped).in("en").publications("contact")).isEmpty();

        Map<String, DsrProperties.Purpose> purposes = new java.util.LinkedHashMap<>(shipped.purposes());
        purposes.put("testimonials", new DsrProperties.Purpose(shipped.purposes().get("testimonials").name(), "consent", " "));
        DsrProperties.Organisation blank = new DsrProperties.Organisation(shipped.languages(), shipped.name(), shipped.contact(),
                shipped.automatedDecisions(), shipped.transfers(), shipped.sites(), shipped.legalBases(), shipped.objectionBases(),
                shipped.consentBases(), shipped.portabilityBases(), purposes, shipped.recipients(), shipped.departments(), shipped.categories());
        assertThat(ProcessingRegisterCheck.problems(blank)).containsExactly(
                "dsr.organisation.purposes.testimonials.made-public: say where the data is published (a short text for staff,"
                        + " e.g. \"testimonials on our website\"), or leave the key out");
    }

    @Test
    void aLanguageWithoutACompleteMessageFileIsReported() {
        assertThat(ProcessingRegisterCheck.messageProblems(List.of("en", "sv", "nl")))
                .containsExactly("language 'nl': messages_nl.properties is missing (copy messages.properties and translate it)");
    }
}
