package org.dsrflow.process;

import java.util.Collection;
import java.util.List;
import org.camunda.spin.json.SpinJsonNode;

/** Values of a Tasklist start form as the engine hands them over, read the same way by every form. */
public final class FormValues {

    private FormValues() {
    }

    /** A checklist: Tasklist submits a JSON array; the REST API may send a list or "a, b". Null when not given. */
    public static List<String> list(Object value) {
        if (value instanceof SpinJsonNode json && json.isArray()) {
            return json.elements().stream().map(SpinJsonNode::stringValue).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.strip().split("\\s*,\\s*"));
        }
        return null;
    }
}
