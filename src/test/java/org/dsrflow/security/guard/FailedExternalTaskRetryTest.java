package org.dsrflow.security.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cmd.SetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailedExternalTaskRetryTest {

    @RegisterExtension
    static ProcessEngineExtension engine = GuardBench.unitEngine();

    private final GuardBench bench = new GuardBench(engine);
    private String failed;
    private String waiting;
    private Authorization retryJob;

    /** Two system searches: one used up its retries (an incident), one has not; the privacy team may retry failed jobs. */
    private void twoSearches() {
        bench.deploy(Bpmn.createExecutableProcess("search").startEvent().serviceTask("search_system").camundaExternalTask("dsr-system-sql")
                .endEvent().done());
        failed = task();
        waiting = task();
        engine.getExternalTaskService().setRetries(failed, 0);
        retryJob = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        retryJob.setGroupId("privacy");
        retryJob.setResource(Resources.PROCESS_DEFINITION);
        retryJob.setResourceId("search");
        retryJob.addPermission(ProcessDefinitionPermissions.RETRY_JOB);
        engine.getAuthorizationService().saveAuthorization(retryJob);
    }

    @AfterEach
    void removeAuthorization() {
        if (retryJob != null) {
            engine.getAuthorizationService().deleteAuthorization(retryJob.getId());
        }
    }

    @Test
    void aFailedTaskGivenAnAttemptByWhoeverMayRetryFailedJobsIsRetried() {
        twoSearches();

        assertThat(decides(new SetExternalTaskRetriesCmd(failed, 1, true), "pia", "privacy")).isTrue();
    }

    @Test
    void aTaskThatHasNotFailedIsLeftToTheEnginesOwnCheck() {
        twoSearches();

        assertThat(decides(new SetExternalTaskRetriesCmd(waiting, 1, true), "pia", "privacy")).isFalse();
    }

    @Test
    void settingNoRetriesIsLeftToTheEnginesOwnCheck() {
        twoSearches();

        assertThat(decides(new SetExternalTaskRetriesCmd(failed, 0, true), "pia", "privacy")).isFalse();
    }

    @Test
    void someoneWhoMayNotRetryFailedJobsIsLeftToTheEnginesOwnCheck() {
        twoSearches();

        assertThat(decides(new SetExternalTaskRetriesCmd(failed, 1, true), "max", "managers")).isFalse();
    }

    private boolean decides(SetExternalTaskRetriesCmd command, String user, String group) {
        return bench.inCommand(context -> FailedExternalTaskRetry.retriesAFailedTaskWithRetryJob(command, context), true, user, group);
    }

    private String task() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("search").getId();
        return engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instance).singleResult().getId();
    }
}
