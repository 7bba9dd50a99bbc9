package org.dsrflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Checks what field validation cannot, and fails start-up with the list of problems, each naming
 * the key (and the language) to fix: every requester-facing text in every language of the
 * organisation, no text in a language it does not list; every reference (a category's departments,
 * purposes and recipients, a purpose's legal basis, a retention period's site) defined; a recipient's legal name
 * not blank; a category's portable purposes its own and on a portability basis (Art. 20(1)(a)); department
 * keys usable as Camunda groups; and for each language a complete message file
 * ({@code messages_xx.properties}; English is {@code messages.properties}; {@code staff.*} keys are
 * English only, like the staff side), so that no requester's page or email falls back to another language.
 */
@Component
class ProcessingRegisterCheck implements InitializingBean {

    private static final String PREFIX = "dsr.organisation.";
    private static final String BASE_LANGUAGE = "en";
    private static final String STAFF_ONLY = "staff.";

    private final DsrProperties properties;

    ProcessingRegisterCheck(DsrProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems(properties.organisation());
        problems.addAll(messageProblems(properties.organisation().languages()));
        if (!problems.isEmpty()) {
            throw new StartupCheckException("The processing register (dsr.organisation) is invalid:\n  - "
                    + String.join("\n  - ", problems),
                    "Correct config/processing-register.yaml (or the shipped processing-register.yaml) and start again.");
        }
    }

    static List<String> problems(DsrProperties.Organisation organisation) {
        List<String> problems = new ArrayList<>();
        List<String> languages = organisation.languages();
        languages.stream().filter(language -> !language.matches("[a-z]{2,3}"))
                .forEach(language -> problems.add(PREFIX + "languages: '" + language + "' is not a language code (two or three lower-case letters, e.g. nl)"));
        organisation.texts().forEach((key, text) -> checkText(problems, languages, key, text));
        organisation.purposes().forEach((id, purpose) -> {
            if (!organisation.legalBases().containsKey(purpose.legalBasis())) {
                problems.add(PREFIX + "purposes." + id + ".legal-basis: unknown legal basis '" + purpose.legalBasis()
                        + "' (not in legal-bases)");
            }
        });
        organisation.purposes().forEach((id, purpose) -> {
            if (purpose.madePublic() != null && purpose.madePublic().isBlank()) {
                problems.add(PREFIX + "purposes." + id + ".made-public: say where the data is published (a short text for staff,"
                        + " e.g. \"testimonials on our website\"), or leave the key out");
            }
        });
        organisation.recipients().forEach((id, recipient) -> {
            if (recipient.language() != null && !recipient.language().isBlank() && !languages.contains(recipient.language())) {
                problems.add(PREFIX + "recipients." + id + ".language: '" + recipient.language()
                        + "' is not one of the organisation's languages " + languages);
            }
            // C-154/21: the identity, as recorded, reaches the person; a blank one would name nobody.
            if (recipient.legalName() != null && recipient.legalName().isBlank()) {
                problems.add(PREFIX + "recipients." + id + ".legal-name: blank (leave it out where the recipient is named by its role only)");
            }
        });
        organisation.objectionBases().stream().filter(basis -> !organisation.legalBases().containsKey(basis))
                .forEach(basis -> problems.add(PREFIX + "objection-bases: unknown legal basis '" + basis + "' (not in legal-bases)"));
        organisation.consentBases().stream().filter(basis -> !organisation.legalBases().containsKey(basis))
                .forEach(basis -> problems.add(PREFIX + "consent-bases: unknown legal basis '" + basis + "' (not in legal-bases)"));
        // Consent is withdrawn, never weighed (Art. 7(3)); a basis in both lists would be both.
        organisation.consentBases().stream().filter(organisation.objectionBases()::contains)
                .forEach(basis -> problems.add(PREFIX + "consent-bases: '" + basis + "' is also in objection-bases; consent is withdrawn"
                        + " (Art. 7(3)), an objection to legitimate interests or a public task is weighed (Art. 21(1)): name it in one list"));
        organisation.portabilityBases().stream().filter(basis -> !organisation.legalBases().containsKey(basis))
                .forEach(basis -> problems.add(PREFIX + "portability-bases: unknown legal basis '" + basis + "' (not in legal-bases)"));
        organisation.departments().forEach((id, department) -> {
            if (!id.matches("[A-Za-z0-9]+")) {
                problems.add(PREFIX + "departments." + id + ": the key must contain only letters and digits (it is a Camunda group)");
            }
            for (DsrProperties.RetentionRule rule : department.retentionRules()) {
                rule.periodBySite().keySet().stream().filter(site -> !organisation.sites().containsKey(site))
                        .forEach(site -> problems.add(PREFIX + "departments." + id + ".retention-rules[" + rule.id()
                                + "].period-by-site: unknown site '" + site + "'"));
            }
        });
        organisation.categories().forEach((id, category) -> {
            String key = "categories." + id;
            if (!id.matches("[a-z][a-z0-9]*")) {
                problems.add(PREFIX + key + ": the key must be lower-case letters and digits (it names the category's fields in the forms)");
            }
            references(problems, key + ".departments", "department", category.departments(), organisation.departments());
            references(problems, key + ".purposes", "purpose", category.purposes(), organisation.purposes());
            references(problems, key + ".recipients", "recipient", category.recipients(), organisation.recipients());
            portablePurposes(problems, organisation, key, category);
        });
        reasonProblems(problems, organisation.reasons());
        return problems;
    }

    /** Standard reasons: ids usable in forms and tables, each once per kind (the texts are checked with the others). */
    private static void reasonProblems(List<String> problems, DsrProperties.Reasons reasons) {
        reasons.byKind().forEach((kind, list) -> {
            Set<String> seen = new java.util.HashSet<>();
            for (DsrProperties.Reason reason : list) {
                String key = PREFIX + "reasons." + kind.key() + "[" + reason.id() + "]";
                if (reason.id() == null || !reason.id().matches("[a-z][a-z0-9-]{0,63}")) {
                    problems.add(key + ".id: lower-case letters, digits and hyphens, at most 64 (the process carries it)");
                } else if (!seen.add(reason.id())) {
                    problems.add(key + ": the id is given twice");
                }
            }
        });
    }

    /** Art. 20(1)(a): the purposes listed as portable are the category's own, on consent or contract. */
    private static void portablePurposes(List<String> problems, DsrProperties.Organisation organisation, String key,
                                         DsrProperties.Category category) {
        if (category.portablePurposes().isEmpty()) {
            return;
        }
        if (category.portable()) {
            problems.add(PREFIX + key + ": portable: true and portable-purposes both set; keep one");
        }
        for (String id : category.portablePurposes()) {
            DsrProperties.Purpose purpose = organisation.purposes().get(id);
            if (purpose == null || !category.purposes().contains(id)) {
                problems.add(PREFIX + key + ".portable-purposes: '" + id + "' is not one of the category's purposes " + category.purposes());
            } else if (!organisation.portabilityBases().contains(purpose.legalBasis())) {
                problems.add(PREFIX + key + ".portable-purposes: '" + id + "' is processed on '" + purpose.legalBasis()
                        + "'; data portability (Art. 20(1)(a)) covers only purposes on consent or contract (portability-bases "
                        + organisation.portabilityBases() + ")");
            }
        }
    }

    private static void references(List<String> problems, String key, String what, List<String> ids, Map<String, ?> defined) {
        ids.stream().filter(id -> !defined.containsKey(id))
                .forEach(id -> problems.add(PREFIX + key + ": unknown " + what + " '" + id + "'"));
    }

    /** Each language needs its message file with every key of the English one. */
    static List<String> messageProblems(List<String> languages) {
        List<String> problems = new ArrayList<>();
        Properties base = load("messages.properties");
        if (base == null) {
            problems.add("messages.properties is missing");
            return problems;
        }
        for (String language : languages) {
            if (BASE_LANGUAGE.equals(language)) {
                continue;
            }
            String file = "messages_" + language + ".properties";
            Properties messages = load(file);
            if (messages == null) {
                problems.add("language '" + language + "': " + file + " is missing (copy messages.properties and translate it)");
                continue;
            }
            Set<String> missing = new TreeSet<>(base.stringPropertyNames());
            missing.removeAll(messages.stringPropertyNames());
            missing.removeIf(key -> key.startsWith(STAFF_ONLY)); // the staff side is English
            if (!missing.isEmpty()) {
                problems.add("language '" + language + "': " + file + " lacks " + missing.size() + " key(s): "
                        + String.join(", ", missing.stream().limit(10).toList()) + (missing.size() > 10 ? ", ..." : ""));
            }
        }
        return problems;
    }

    private static Properties load(String file) {
        ClassPathResource resource = new ClassPathResource(file);
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** A text must be there in each language, not blank, and in no language the organisation does not list. */
    private static void checkText(List<String> problems, List<String> languages, String key, Text text) {
        if (text == null) {
            problems.add(PREFIX + key + ": missing");
            return;
        }
        for (String language : languages) {
            String value = text.get(language);
            if (value == null || value.isBlank()) {
                problems.add(PREFIX + key + ": no text in '" + language + "'");
            }
        }
        text.keySet().stream().filter(language -> !languages.contains(language))
                .forEach(language -> problems.add(PREFIX + key + ": text in '" + language
                        + "', which is not one of the organisation's languages " + languages));
    }
}
