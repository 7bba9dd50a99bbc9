package org.dsrflow.process;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A rule that the values a person submits to complete a user task must follow, checked before the
 * engine applies them (see {@code security/guard/TaskWorkGuard}): an incomplete answer is refused with a
 * 400 that says what is missing, and nothing changes.
 */
public interface TaskCompletionCheck {

    /** The task definition keys this check applies to. */
    Set<String> taskKeys();

    /**
     * Problems with the completion; empty when it may go ahead. {@code submitted} reads a submitted
     * value by name as plain Java or JSON text (the task's current value when it was not submitted).
     */
    java.util.List<String> problems(DelegateTask task, SubmittedValues submitted);

    /** The values of one completion. */
    interface SubmittedValues {
        /** The value as JSON text ({@code null} when neither submitted nor set). */
        String json(String name);

        /** The value as text ({@code null} when neither submitted nor set). */
        String text(String name);
    }
}
