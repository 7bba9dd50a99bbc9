package org.dsrflow.departments;

import java.time.Instant;

/** One department's completed task for a request. */
public record DepartmentResult(String department, DepartmentOutcome outcome, String report, String completedBy,
                               Instant completedAt) {
}
