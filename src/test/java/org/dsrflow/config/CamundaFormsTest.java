package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.testsupport.Lanes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Camunda Form in forms/ requires the fields its task cannot do without, and submits exactly
 * the variables its task's completion may carry (anything else is refused by the task work guard).
 */
@Tag(Lanes.FIRST) // balances the two test JVMs (testsupport/Lanes)
class CamundaFormsTest {

    /** The forms as deployed: those in forms/, and those generated from forms/from-register/ for the shipped register. */
    static JsonNode form(String id) throws Exception {
        File plain = new File("forms/" + id + ".form");
        if (plain.exists()) {
            return new ObjectMapper().readTree(plain);
        }
        String generated = org.dsrflow.process.FormsFromRegisterAccess.generated(new Register(ProcessingRegisterTest.shipped()))
                .get(id + ".form");
        assertThat(generated).as("form " + id).isNotNull();
        return new ObjectMapper().readTree(generated);
    }

    /** Every request type's department form, on the first task and on a returned one; then the privacy team's forms. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> formsOfTasks() {
        java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> departments = java.util.stream.Stream
                .of(org.dsrflow.request.RequestType.values())
                .flatMap(type -> java.util.stream.Stream.of(
                        org.junit.jupiter.params.provider.Arguments.of(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK, type.departmentForm()),
                        org.junit.jupiter.params.provider.Arguments.of(DataSubjectRequestProcess.Elements.DEPARTMENT_REWORK, type.departmentForm())));
        return java.util.stream.Stream.concat(departments, java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("user_privacy_review", "privacy-review"),
                org.junit.jupiter.params.provider.Arguments.of("user_triage", "triage"),
                org.junit.jupiter.params.provider.Arguments.of("user_identity_check", "identity-check"),
                org.junit.jupiter.params.provider.Arguments.of("user_extension_decision", "extension-decision"),
                org.junit.jupiter.params.provider.Arguments.of("user_fee_payment", "fee-payment")));
    }

    @ParameterizedTest(name = "{1} submits what {0} takes")
    @org.junit.jupiter.params.provider.MethodSource("formsOfTasks")
    void formSubmitsExactlyTheVariablesItsTaskTakes(String task, String form) throws Exception {
        JsonNode schema = form(form);
        Map<String, Boolean> fields = new HashMap<>();
        collect(schema.get("components"), "", fields);
        java.util.Set<String> submitted = new java.util.TreeSet<>();
        fields.keySet().forEach(field -> submitted.add(field.contains(".") ? field.substring(0, field.indexOf('.')) : field));
        assertThat(submitted).isEqualTo(new java.util.TreeSet<>(
                org.dsrflow.process.DataSubjectRequestProcess.TASK_OUTPUTS.get(task)));
    }

    @ParameterizedTest(name = "{0} requires {1}")
    @CsvSource(delimiter = '|', textBlock = """
            department-access    | answer.found
            department-erasure   | answer.contact.action answer.contact.rule answer.contact.kept answer.contact.until answer.health.action answer.recipients answer.communication.publication answer.communication.publicationSteps
            department-marketing | answer.channels
            privacy-review       | reviewDecision returnTo returnComment clarificationQuestion feeAmount feeCalculation feePayment
            triage               | reviewDecision clarificationQuestion feeAmount feeCalculation feePayment
            fee-payment          | feeOutcome feePaidOn
            identity-check       | identityMethod identityOutcome identityRequest reviewComment
            register-request     | type name site language receivedOn channel identityCheck
            """)
    void formRequiresItsEssentialFields(String form, String required) throws Exception {
        JsonNode schema = form(form);
        assertThat(schema.get("id").asText()).isEqualTo(form);
        Map<String, Boolean> fields = new HashMap<>();
        collect(schema.get("components"), "", fields);
        for (String field : required.split(" ")) {
            assertThat(fields).as(form + " field " + field).containsEntry(field, true);
        }
    }

    /** Field paths (group paths joined with dots) and whether each is required. */
    private static void collect(JsonNode components, String prefix, Map<String, Boolean> fields) {
        List<JsonNode> all = new ArrayList<>();
        components.forEach(all::add);
        for (JsonNode component : all) {
            if (component.has("components")) {
                String path = component.has("path") ? prefix + component.get("path").asText() + "." : prefix;
                collect(component.get("components"), path, fields);
            } else if (component.has("key")) {
                fields.put(prefix + component.get("key").asText(), component.path("validate").path("required").asBoolean(false));
            }
        }
    }

    /** Every user task's form opens with the way to the request's staff page; the review keeps its compiled answer. */
    static java.util.stream.Stream<String> taskForms() {
        return java.util.stream.Stream.concat(
                java.util.stream.Stream.of(org.dsrflow.request.RequestType.values()).map(org.dsrflow.request.RequestType::departmentForm),
                java.util.stream.Stream.of("identity-check", "privacy-review", "triage", "objection-decision", "fee-payment", "extension-decision",
                        "restriction-lifted"));
    }

    @ParameterizedTest(name = "{0} links to the request")
    @org.junit.jupiter.params.provider.MethodSource("taskForms")
    void everyTaskFormOpensWithALinkToTheRequest(String id) throws Exception {
        JsonNode top = form(id).get("components").get(0);
        assertThat(top.get("type").asText()).isEqualTo("text");
        assertThat(top.get("text").asText()).contains("**[Open the request](/staff/requests/{{reference}})**");
        // A department attaches the records themselves on the files page (Tasklist 7.24's forms have no file field), where
        // the answer hands the data over (access, portability): an erasure's files would reach nobody.
        boolean handsOverData = java.util.stream.Stream.of(org.dsrflow.request.RequestType.values())
                .filter(org.dsrflow.request.RequestType::handsOverData)
                .map(org.dsrflow.request.RequestType::departmentForm).anyMatch(id::equals);
        assertThat(top.get("text").asText().contains("**[Attach files](/staff/requests/{{reference}}/department-files)**"))
                .as(id + " links to the files page").isEqualTo(handsOverData);
        if (List.of("privacy-review", "objection-decision", "fee-payment").contains(id)) {
            assertThat(top.get("text").asText()).containsIgnoringCase("compiled answer]({{answerUrl}})");
        }
    }

    /**
     * Forms show staff the words of the register and of the request types, never their codes: no text
     * shows the variables that hold codes (type ERASURE, site SE, department webdigital, the ground).
     */
    @org.junit.jupiter.api.Test
    void noFormShowsACode() throws Exception {
        java.util.Set<String> codes = java.util.Set.of("type", "site", "department", "restrictionGround", "language",
                "categories", "departments", "returnTo", "status");
        List<String> ids = new ArrayList<>();
        for (File file : java.util.Objects.requireNonNull(new File("forms").listFiles((dir, name) -> name.endsWith(".form")))) {
            ids.add(file.getName().replace(".form", ""));
        }
        for (File file : java.util.Objects.requireNonNull(new File("forms/from-register").listFiles((dir, name) -> name.endsWith(".form")))) {
            ids.add(file.getName().replace(".form", ""));
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(15);
        for (String id : ids) {
            java.util.regex.Matcher shown = java.util.regex.Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}").matcher(form(id).toString());
            while (shown.find()) {
                assertThat(codes).as(id + " shows {{" + shown.group(1) + "}}").doesNotContain(shown.group(1));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void formsFromTheRegisterHaveAGroupPerCategoryAndTheRegistersLists() throws Exception {
        DsrProperties.Organisation organisation = ProcessingRegisterTest.shipped();
        JsonNode erasure = form("department-erasure");
        Map<String, Boolean> fields = new HashMap<>();
        collect(erasure.get("components"), "", fields);
        for (String category : organisation.categoryIds()) {
            assertThat(fields).containsKey("answer." + category + ".action");
        }
        // Art. 17(2): only a category with a purpose the register marks made-public asks how others were informed
        assertThat(fields).containsKeys("answer.communication.publication", "answer.communication.publicationSteps")
                .doesNotContainKeys("answer.contact.publication", "answer.digital.publication", "answer.health.publicationSteps");
        assertThat(erasure.toString()).contains("testimonials on our websites and our social media pages");
        assertThat(erasure.toString()).contains("\"label\":\"Health (special category)\"")
                .contains("list contains(departmentCategories, \\\"digital\\\")").doesNotContain("CATEGORY");
        JsonNode registration = form("register-request");
        Map<String, List<String>> values = new HashMap<>();
        registration.get("components").forEach(component -> {
            List<String> options = new ArrayList<>();
            component.path("values").forEach(option -> options.add(option.get("value").asText() + "=" + option.get("label").asText()));
            values.put(component.path("key").asText(), options);
        });
        assertThat(values.get("site")).containsExactly("SE=Sweden", "NO=Norway", "DK=Denmark", "FI=Finland", "GB=United Kingdom",
                "INT=Another country");
        assertThat(values.get("language")).containsExactly("en=English", "sv=Svenska", "nb=Norsk bokmål", "da=Dansk", "fi=Suomi");
        assertThat(values.get("categories")).hasSize(organisation.categories().size()).contains("contact=Contact details");
        // A new request type is offered to staff too: the registration form lists every one.
        assertThat(values.get("type")).extracting(option -> option.substring(0, option.indexOf('=')))
                .containsExactlyElementsOf(java.util.Arrays.stream(org.dsrflow.request.RequestType.values()).map(Enum::name).toList());
    }

    /**
     * Refusal, fee and extension reasons are offered from the register (staff label, id), shown only with their
     * decision, beside the free text that follows them (no longer required: the task's check asks for one of the two).
     */
    @ParameterizedTest(name = "{0} offers the register's {2} reasons as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            triage             | refusalReason   | refusal   | reviewComment
            triage             | feeReason       | fee       | feeReasons
            privacy-review     | refusalReason   | refusal   | reviewComment
            privacy-review     | feeReason       | fee       | feeReasons
            extension-decision | extensionReason | extension | extensionReasons
            """)
    void theReasonFieldsOfferTheRegistersStandardReasons(String form, String key, String kind, String freeText) throws Exception {
        DsrProperties.Organisation organisation = ProcessingRegisterTest.shipped();
        List<JsonNode> components = new ArrayList<>();
        form(form).get("components").forEach(components::add);
        JsonNode select = components.stream().filter(c -> key.equals(c.path("key").asText())).findFirst().orElseThrow();
        assertThat(select.get("type").asText()).isEqualTo("select");
        List<String> options = new ArrayList<>();
        select.get("values").forEach(option -> options.add(option.get("value").asText() + "=" + option.get("label").asText()));
        assertThat(options).containsExactlyElementsOf(organisation.reasons().of(DsrProperties.ReasonKind.valueOf(kind.toUpperCase()))
                .stream().map(reason -> reason.id() + "=" + reason.label()).toList());
        assertThat(options.get(0)).contains("Art. 12(");
        JsonNode text = components.stream().filter(c -> freeText.equals(c.path("key").asText())).findFirst().orElseThrow();
        assertThat(components.indexOf(select)).as("the standard reason comes first").isLessThan(components.indexOf(text));
        assertThat(text.path("validate").path("required").asBoolean(false)).isFalse();
        assertThat(text.get("label").asText()).contains("optional when a standard reason is picked");
        assertThat(select.path("conditional").path("hide").asText()).isEqualTo(text.path("conditional").path("hide").asText());
    }

    @ParameterizedTest(name = "the department form of {0} submits the keys of DepartmentAnswer")
    @org.junit.jupiter.params.provider.EnumSource(org.dsrflow.request.RequestType.class)
    void departmentFormsSubmitExactlyTheKeysOfTheAnswerContract(org.dsrflow.request.RequestType type) throws Exception {
        DsrProperties.Organisation organisation = ProcessingRegisterTest.shipped();
        Map<String, Boolean> fields = new HashMap<>();
        collect(form(type.departmentForm()).get("components"), "", fields);
        java.util.Set<String> top = new java.util.TreeSet<>();
        java.util.Set<String> perCategory = new java.util.TreeSet<>();
        for (String field : fields.keySet()) {
            assertThat(field).startsWith("answer.");
            String[] parts = field.substring("answer.".length()).split("\\.");
            if (parts.length == 1) {
                top.add(parts[0]);
            } else {
                assertThat(organisation.categoryIds()).contains(parts[0]);
                perCategory.add(parts[1]);
            }
        }
        org.dsrflow.departments.DepartmentAnswer.Keys keys = org.dsrflow.departments.DepartmentAnswer.keys(type);
        assertThat(top).isEqualTo(new java.util.TreeSet<>(keys.top()));
        assertThat(perCategory).isEqualTo(new java.util.TreeSet<>(keys.perCategory()));
    }
}
