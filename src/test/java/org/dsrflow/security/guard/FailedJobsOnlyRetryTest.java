package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailedJobsOnlyRetryTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private final FailedJobsOnlyRetry rule = new FailedJobsOnlyRetry();
    private String failed;
    private String waiting;

    /**
     * Two jobs of an email-like asynchronous step: one has used up its retries (an incident), one has not. (Made in
     * each test: the unit engine records coverage only while a test executes.)
     */
    private void twoJobs() {
        bench.deploy(Bpmn.createExecutableProcess("send-email").startEvent().serviceTask("send").camundaAsyncBefore()
                .camundaExpression("${true}").endEvent().done());
        failed = job();
        waiting = job();
        engine.getManagementService().setJobRetries(failed, 0);
    }

    @Test
    void retryingAFailedJobPasses() {
        twoJobs();

        assertThatCode(() -> bench.check(rule, new SetJobRetriesCmd(failed, null, 1, null, false), "pia", "privacy"))
                .doesNotThrowAnyException();
    }

    @Test
    void retryingAJobThatHasNotFailedIsRefused() {
        twoJobs();

        assertThatThrownBy(() -> bench.check(rule, new SetJobRetriesCmd(waiting, null, 1, null, false), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("has not failed");
    }

    @Test
    void aListOfJobsWithOneThatHasNotFailedIsRefused() {
        twoJobs();

        assertThatThrownBy(() -> bench.check(rule, new SetJobRetriesCmd(List.of(failed, waiting), 1, null, false), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining(waiting);
    }

    @Test
    void switchingAJobOffWithNoRetriesIsRefused() {
        twoJobs();

        assertThatThrownBy(() -> bench.check(rule, new SetJobRetriesCmd(failed, null, 0, null, false), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("never switches a job off");
    }

    @Test
    void movingTheDueDateIsRefused() {
        twoJobs();

        assertThatThrownBy(() -> bench.check(rule, new SetJobRetriesCmd(failed, null, 1, new Date(), true), "pia", "privacy"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("never moves a job's due date");
    }

    private String job() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("send-email").getId();
        return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getId();
    }
}
