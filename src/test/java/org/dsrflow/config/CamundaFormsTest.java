package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Camunda Form in forms/ requires the fields its task cannot do without, and submits exactly
 * the variables its task's completion may carry (anything else is refused by the task work guard).
 */
class CamundaFormsTest {

    @ParameterizedTest(name = "{1} submits what {0} takes")
    @CsvSource(delimiter = '|', textBlock = """
            user_department_task   | department-access
            user_department_task   | department-erasure
            user_department_task   | department-marketing
            user_department_rework | department-access
            user_department_rework | department-erasure
            user_department_rework | department-marketing
            user_privacy_review    | privacy-review
            user_identity_check    | identity-check
            user_extension_decision | extension-decision
            """)
    void formSubmitsExactlyTheVariablesItsTaskTakes(String task, String form) throws Exception {
        JsonNode schema = new ObjectMapper().readTree(new File("forms/" + form + ".form"));
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
            department-erasure   | answer.contact.action answer.contact.rule answer.contact.kept answer.contact.until answer.recipients
            department-marketing | answer.channels
            privacy-review       | reviewDecision returnTo returnComment reviewComment
            identity-check       | identityMethod identityOutcome identityRequest reviewComment
            extension-decision   | extensionReasons
            register-request     | type name email site language receivedOn channel
            """)
    void formRequiresItsEssentialFields(String form, String required) throws Exception {
        JsonNode schema = new ObjectMapper().readTree(new File("forms/" + form + ".form"));
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
}
