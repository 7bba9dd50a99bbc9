package org.dsrflow.retention;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrflow.process.DataRetentionProcess;
import org.springframework.stereotype.Component;

/** The service task of bpmn/data-retention.bpmn. */
@Component("applyRetention")
class ApplyRetentionDelegate implements JavaDelegate {

    private final RetentionService retention;

    ApplyRetentionDelegate(RetentionService retention) {
        this.retention = retention;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DataRetentionProcess.ANONYMISED.set(execution, retention.apply());
    }
}
