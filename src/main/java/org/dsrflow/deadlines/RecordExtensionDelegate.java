package org.dsrflow.deadlines;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Extend deadline" task. A delegate (not an expression) so that a refused extension reaches
 * Tasklist and the REST API as the 400 "bad user request" it is, with its message.
 */
@Component("recordExtension")
class RecordExtensionDelegate implements JavaDelegate {

    private final ProcessDeadlineClock clock;

    RecordExtensionDelegate(ProcessDeadlineClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clock.extend(execution);
    }
}
