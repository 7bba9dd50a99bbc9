package org.dsrflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Camunda Forms whose lists come from the processing register, deployed at start-up from their
 * templates in {@code forms/from-register/}:
 * <ul>
 * <li>a group marked {@code "properties": {"dsr-each": "category"}} is written once in the template,
 * with {@code CATEGORY} for the category's id and {@code CATEGORY_NAME} for its name, and becomes one
 * group per category of the register (a department sees only those it holds: each group hides
 * itself unless {@code departmentCategories} lists its category); {@code CATEGORY_OBJECTABLE} is the
 * names of its purposes open to objection (Art. 21(1)), {@code CATEGORY_WITHDRAWN} those on consent, which an
 * objection withdraws (Art. 7(3)), {@code CATEGORY_WEIGHED} {@code true} when it has any of the former;
 * {@code CATEGORY_PORTABLE} those whose data portability covers (Art. 20(1)(a));
 * {@code CATEGORY_PUBLISHED} where the category's data is made public, and a field inside it marked
 * {@code "dsr-if": "made-public"} stays only in the groups of categories made public (Art. 17(2));</li>
 * <li>a group marked {@code "dsr-each": "objectable-purpose"} becomes one group per purpose open to
 * objection, with {@code PURPOSE}, {@code PURPOSE_NAME} and {@code PURPOSE_BASIS} (its legal basis);</li>
 * <li>a select or checklist marked {@code "properties": {"dsr-values": "sites" | "languages" |
 * "categories"}} gets the register's sites, languages or categories as its options (the parties a department may
 * tick, Art. 19, are the task's own {@code partyOptions}: those of the categories it works on); {@code "refusal-reasons" | "extension-reasons" | "fee-reasons"} the register's standard
 * reasons (staff label, id), and the select is left out where the register has none of that kind.</li>
 * </ul>
 * Staff read the names in English (or the register's first language). Deployed by {@link OrganisationDeployment}.
 */
final class FormsFromRegister {

    static final String TEMPLATES = "classpath*:forms/from-register/*.form";

    private FormsFromRegister() {
    }

    /** Every template, generated for this register: file name → form JSON. */
    static Map<String, String> generateAll(Register register) throws IOException {
        Map<String, String> forms = new LinkedHashMap<>();
        for (Resource template : new PathMatchingResourcePatternResolver().getResources(TEMPLATES)) {
            try (InputStream in = template.getInputStream()) {
                forms.put(template.getFilename(), generate(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), register));
            }
        }
        return forms;
    }

    static String generate(String template, Register register) {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode form = json.readTree(template);
            expand(json, (ObjectNode) form, register);
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(form);
        } catch (IOException e) {
            throw new UncheckedIOException("a form template in forms/from-register is not valid JSON", e);
        }
    }

    private static void expand(ObjectMapper json, ObjectNode parent, Register register) throws IOException {
        if (!(parent.get("components") instanceof ArrayNode components)) {
            return;
        }
        ArrayNode expanded = JsonNodeFactory.instance.arrayNode();
        for (JsonNode component : components) {
            String each = component.path("properties").path("dsr-each").asText("");
            if ("category".equals(each)) {
                String group = json.writeValueAsString(component);
                for (Register.Category category : register.forStaff().categories()) {
                    ObjectNode copy = (ObjectNode) json.readTree(group
                            .replace("CATEGORY_NAME", inString(json, category.name()))
                            .replace("CATEGORY_OBJECTABLE", inString(json, names(category.objectablePurposes())))
                            .replace("CATEGORY_WITHDRAWN", inString(json, names(category.withdrawablePurposes())))
                            .replace("CATEGORY_WEIGHED", String.valueOf(category.objectable()))
                            .replace("CATEGORY_PUBLISHED", inString(json, published(register, category)))
                            .replace("CATEGORY_PORTABLE", inString(json, names(category.portablePurposes())))
                            .replace("CATEGORY", category.id()));
                    ((ObjectNode) copy.get("properties")).remove("dsr-each");
                    keepMadePublicFieldsIf(copy, !published(register, category).isEmpty());
                    expand(json, copy, register);
                    expanded.add(copy);
                }
                continue;
            }
            if ("objectable-purpose".equals(each)) {
                String group = json.writeValueAsString(component);
                for (Register.Purpose purpose : register.forStaff().objectablePurposes()) {
                    ObjectNode copy = (ObjectNode) json.readTree(group
                            .replace("PURPOSE_NAME", inString(json, purpose.name()))
                            .replace("PURPOSE_BASIS", inString(json, purpose.legalBasis()))
                            .replace("PURPOSE", purpose.id()));
                    ((ObjectNode) copy.get("properties")).remove("dsr-each");
                    expand(json, copy, register);
                    expanded.add(copy);
                }
                continue;
            }
            if (component instanceof ObjectNode object) {
                String values = object.path("properties").path("dsr-values").asText("");
                if (!values.isEmpty()) {
                    ArrayNode options = options(values, register);
                    if (options.isEmpty() && values.endsWith("-reasons")) {
                        continue; // no standard reasons in this register: the free text alone gives them
                    }
                    object.set("values", options);
                }
                expand(json, object, register);
            }
            expanded.add(component);
        }
        parent.set("components", expanded);
    }

    /**
     * Art. 17(2): where the category's data is made public ({@code CATEGORY_PUBLISHED}, the register's texts of its
     * purposes marked made-public); empty when none is.
     */
    private static String published(Register register, Register.Category category) {
        return String.join("; ", register.forStaff().publications(category.id()).stream().map(Register.Publication::where).toList());
    }

    /**
     * Fields marked {@code "properties": {"dsr-if": "made-public"}} stay only in the groups of categories the register
     * marks as made public: no other category asks for the Art. 17(2) step.
     */
    private static void keepMadePublicFieldsIf(ObjectNode group, boolean madePublic) {
        if (group.get("components") instanceof ArrayNode components) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode component : components) {
                if ("made-public".equals(component.path("properties").path("dsr-if").asText(""))) {
                    if (!madePublic) {
                        continue;
                    }
                    ((ObjectNode) component.get("properties")).remove("dsr-if");
                }
                kept.add(component);
            }
            group.set("components", kept);
        }
    }

    /** Purposes' names, "none" for none: "Answering you and following up; Improving our services". */
    private static String names(java.util.List<Register.Purpose> purposes) {
        return purposes.isEmpty() ? "none" : String.join("; ", purposes.stream().map(Register.Purpose::name).toList());
    }

    /** A text as it may stand inside a JSON string. */
    private static String inString(ObjectMapper json, String text) throws IOException {
        String quoted = json.writeValueAsString(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static ArrayNode options(String list, Register register) {
        ArrayNode options = JsonNodeFactory.instance.arrayNode();
        Register.InLanguage staff = register.forStaff();
        switch (list) {
            case "sites" -> staff.sites().forEach(site -> option(options, site.name(), site.code()));
            case "languages" -> register.languages().forEach(language -> option(options, ownName(language), language));
            case "categories" -> staff.categories().forEach(category -> option(options, category.name(), category.id()));
            case "refusal-reasons", "extension-reasons", "fee-reasons" -> register.reasons(
                            DsrProperties.ReasonKind.valueOf(list.substring(0, list.indexOf('-')).toUpperCase(Locale.ROOT)))
                    .forEach(reason -> option(options, reason.label(), reason.id()));
            default -> throw new IllegalStateException("a form template asks for the unknown list '" + list
                    + "' (dsr-values: sites, languages, categories, refusal-reasons, extension-reasons or fee-reasons)");
        }
        return options;
    }

    private static void option(ArrayNode options, String label, String value) {
        options.addObject().put("label", label).put("value", value);
    }

    /** A language by its own name: "Svenska", "Suomi". */
    static String ownName(String language) {
        Locale locale = Locale.forLanguageTag(language);
        String name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? language : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
