package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One department's completed task for a request; {@code details} is its form's answer
 * ({@link DepartmentAnswer} names its keys).
 */
public record DepartmentResult(String department, DepartmentOutcome outcome, JsonNode details, String completedBy,
                               Instant completedAt) {

    /** The answer, read through its typed contract. */
    public DepartmentAnswer answer() {
        return DepartmentAnswer.of(details);
    }
}
