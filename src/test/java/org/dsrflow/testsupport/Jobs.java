package org.dsrflow.testsupport;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Executes due jobs in the test thread (the job executor is off in tests): deterministic, no waiting. */
public final class Jobs {

    private Jobs() {
    }

    /**
     * Executes due jobs until none is left; returns how many ran. Suspended jobs (the statutory
     * clock's timers while it is stopped) wait, as the job executor never acquires them.
     */
    public static int executeDue(ManagementService management) {
        int executed = 0;
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = management.createJobQuery().executable().active().list();
            if (jobs.isEmpty()) {
                return executed;
            }
            for (Job job : jobs) {
                // An earlier job of this round may have removed it (an interrupting timer ends its activity's other timers).
                if (management.createJobQuery().jobId(job.getId()).count() == 0) {
                    continue;
                }
                management.executeJob(job.getId());
                executed++;
            }
        }
        throw new IllegalStateException("jobs keep appearing after 20 rounds");
    }
}
