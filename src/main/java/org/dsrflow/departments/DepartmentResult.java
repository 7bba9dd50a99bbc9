package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One department's completed task for a request; {@code details} is its form's answer, e.g.
 * {@code {"found":"yes","contact":{"data":"...","source":"..."}}} for an access request.
 */
public record DepartmentResult(String department, DepartmentOutcome outcome, JsonNode details, String completedBy,
                               Instant completedAt) {
}
