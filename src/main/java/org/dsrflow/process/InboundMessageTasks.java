package org.dsrflow.process;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts the privacy team's task for a new email ({@link InboundMessageProcess}); the business key is the message's id. */
@Component
public class InboundMessageTasks {

    private final RuntimeService runtime;

    InboundMessageTasks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    private static Object json(java.util.List<?> list) {
        try {
            return org.camunda.spin.plugin.variable.SpinValues.jsonValue(JSON.writeValueAsString(list)).create();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a list of plain values", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Starts the task for the stored message with the form's suggestions and lists; returns the instance id. */
    public String start(long messageId, Map<String, Object> variables) {
        Map<String, Object> all = new java.util.HashMap<>();
        // Lists (the form's choices) as JSON variables, which Tasklist's forms read as arrays.
        variables.forEach((name, value) -> all.put(name, value instanceof java.util.List<?> list ? json(list) : value));
        all.put(InboundMessageProcess.MESSAGE_ID.name(), messageId);
        return runtime.startProcessInstanceByKey(InboundMessageProcess.KEY, "message-" + messageId, all).getId();
    }
}
