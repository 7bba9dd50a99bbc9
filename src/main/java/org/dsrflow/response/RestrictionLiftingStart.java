package org.dsrflow.response;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The lifting's start form as a delegate, so that a refused form reaches Tasklist as a form
 * validation message (400), not wrapped as an expression failure (500).
 */
@Component("restrictionLiftingStart")
class RestrictionLiftingStart implements JavaDelegate {

    private final RestrictionLifting lifting;

    RestrictionLiftingStart(RestrictionLifting lifting) {
        this.lifting = lifting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifting.record(execution);
    }
}
