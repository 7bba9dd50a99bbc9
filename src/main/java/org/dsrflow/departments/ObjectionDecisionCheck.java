package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.DataSubjectRequestProcess.Variables;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * An objection (Art. 21(1)) is decided purpose by purpose: for each purpose objected to, whether
 * compelling legitimate grounds override (yes, with the grounds the requester receives) or not.
 */
@Component("objectionDecisionCheck")
class ObjectionDecisionCheck implements TaskCompletionCheck, org.camunda.bpm.engine.delegate.TaskListener {

    private final ObjectMapper json = new ObjectMapper();
    private final org.dsrflow.config.DsrProperties properties;

    ObjectionDecisionCheck(org.dsrflow.config.DsrProperties properties) {
        this.properties = properties;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.OBJECTION_DECISION);
    }

    /** Also on completion in the engine: a completion through the Java API is held to the same rules. */
    @Override
    public void notify(DelegateTask task) {
        List<String> problems = problems(task, new SubmittedValues() {
            @Override
            public String json(String name) {
                Object value = task.getVariable(name);
                if (value == null) {
                    return null;
                }
                if (value instanceof java.util.Map<?, ?> map) {
                    try {
                        return json.writeValueAsString(map);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        return null;
                    }
                }
                return value.toString();
            }

            @Override
            public String text(String name) {
                Object value = task.getVariable(name);
                return value == null ? null : value.toString();
            }
        });
        if (!problems.isEmpty()) {
            throw new org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException(Variables.OBJECTION.name(),
                    "The decision is incomplete: " + String.join("; ", problems));
        }
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        List<String> problems = new ArrayList<>();
        JsonNode decisions;
        try {
            String text = submitted.json(Variables.OBJECTION.name());
            decisions = text == null ? json.createObjectNode() : json.readTree(text);
        } catch (java.io.IOException e) {
            decisions = json.createObjectNode();
        }
        Object purposes = Variables.OBJECTED_PURPOSES.optionalFrom(task);
        for (Object purpose : purposes instanceof java.util.Collection<?> list ? list : List.of()) {
            JsonNode decision = decisions.path(String.valueOf(purpose));
            String override = decision.path("override").asText("");
            if (!Set.of("yes", "no").contains(override)) {
                problems.add(purpose + ": decide whether compelling legitimate grounds override the objection (override: yes or no)");
            } else if (override.equals("yes") && decision.path("grounds").asText("").isBlank()) {
                problems.add(purpose + ": give the compelling legitimate grounds (the requester receives them)");
            }
        }
        // A purpose on consent is never weighed: the objection withdrew the consent (Art. 7(3)), and it stopped.
        JsonNode decided = decisions;
        decided.fieldNames().forEachRemaining(purpose -> {
            if (properties.organisation().withdrawable(purpose) && "yes".equals(decided.path(purpose).path("override").asText(""))) {
                problems.add(Variables.OBJECTION.name() + "." + purpose + ".override: the person withdrew consent for this purpose;"
                        + " a withdrawal of consent (Art. 7(3)) is not weighed against compelling grounds, the processing stops");
            }
        });
        return problems;
    }
}
