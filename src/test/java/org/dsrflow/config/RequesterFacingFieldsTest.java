package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * Staff write some texts the requester reads (reasons, our question, what we keep or corrected). Each
 * such field says so in its label and, on a task, names the language the requester reads
 * ({@code requesterLanguage}, set on every task by TaskTitles), so nobody answers a Finnish requester in
 * English by accident. The description is a FEEL expression, evaluated here as form-js evaluates it.
 */
class RequesterFacingFieldsTest {

    /** Every field whose text reaches the requester, per form (task forms; the lifting start form has no request yet). */
    static final Map<String, List<String>> REQUESTER_FACING = Map.of(
            "forms/from-register/extension-decision.form", List.of("extensionReasons"),
            "forms/identity-check.form", List.of("identityRequest", "reviewComment"),
            "forms/from-register/privacy-review.form", List.of("reviewComment", "clarificationQuestion", "feeReasons", "feeCalculation", "feePayment"),
            "forms/from-register/triage.form", List.of("reviewComment", "clarificationQuestion", "feeReasons", "feeCalculation", "feePayment"),
            "forms/from-register/department-erasure.form", List.of("kept"),
            "forms/from-register/department-rectification.form", List.of("correction", "reason"),
            "forms/from-register/department-restriction.form", List.of("how"),
            "forms/from-register/objection-decision.form", List.of("grounds"));

    static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

    @Test
    void everyFieldThatReachesTheRequesterNamesTheLanguageTheyRead() throws Exception {
        for (Map.Entry<String, List<String>> form : REQUESTER_FACING.entrySet()) {
            List<JsonNode> fields = textFields(new ObjectMapper().readTree(new File(form.getKey())).path("components"), new ArrayList<>());
            for (String key : form.getValue()) {
                JsonNode field = fields.stream().filter(candidate -> key.equals(candidate.path("key").asText())).findFirst()
                        .orElseThrow(() -> new AssertionError(form.getKey() + " has no field " + key));
                String what = form.getKey() + " " + key;
                assertThat(field.path("label").asText()).as(what).contains("(sent to the requester)");
                String description = field.path("description").asText();
                assertThat(description).as(what).startsWith("=");
                String shown = FEEL.evaluateSimpleExpression(description.substring(1), Variables.createVariables()
                        .putValue("requesterLanguage", "Finnish (suomi)").asVariableContext());
                assertThat(shown).as(what).startsWith("The requester reads Finnish (suomi): write in that language.");
                String withoutTask = FEEL.evaluateSimpleExpression(description.substring(1), Variables.createVariables()
                        .putValue("requesterLanguage", null).asVariableContext());
                assertThat(withoutTask).as(what + " outside a task").doesNotContain("null", "requester reads");
            }
        }
    }

    @Test
    void noOtherFieldClaimsToReachTheRequesterWithoutNamingTheLanguage() throws Exception {
        for (File file : formFiles()) {
            String path = file.getPath().replace(File.separatorChar, '/');
            for (JsonNode field : textFields(new ObjectMapper().readTree(file).path("components"), new ArrayList<>())) {
                if (field.path("label").asText().contains("(sent to the requester)") && !path.endsWith("restriction-lifting.form")) {
                    assertThat(REQUESTER_FACING.getOrDefault(path, List.of())).as(path + " " + field.path("key").asText())
                            .contains(field.path("key").asText());
                }
            }
        }
    }

    private static List<File> formFiles() {
        List<File> files = new ArrayList<>();
        for (String folder : List.of("forms", "forms/from-register")) {
            File[] found = new File(folder).listFiles((dir, name) -> name.endsWith(".form"));
            files.addAll(List.of(java.util.Objects.requireNonNull(found)));
        }
        assertThat(files).hasSizeGreaterThan(10);
        return files;
    }

    private static List<JsonNode> textFields(JsonNode components, List<JsonNode> found) {
        for (JsonNode component : components) {
            if (List.of("textarea", "textfield").contains(component.path("type").asText())) {
                found.add(component);
            }
            textFields(component.path("components"), found);
        }
        return found;
    }
}
