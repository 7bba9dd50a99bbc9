package org.dsrflow.security.guard;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Retrying a job (RETRY_JOB, the privacy team's after an SMTP outage) means retrying a failed one: no new due
 * date, no timer fired early, no job switched off by setting its retries to 0.
 */
final class FailedJobsOnlyRetry implements CommandRule {

    @Override
    public void check(Command<?> command, CommandContext context) {
        if (!(command instanceof SetJobRetriesCmd)) {
            return;
        }
        if (Boolean.TRUE.equals(CommandFields.read(command, SetJobRetriesCmd.class, "isDueDateSet"))) {
            throw CommandRule.refused("A retry never moves a job's due date.");
        }
        int retries = CommandFields.read(command, SetJobRetriesCmd.class, "retries");
        if (retries < 1) {
            throw CommandRule.refused("A retry gives a failed job one or more attempts; it never switches a job off.");
        }
        List<String> ids = new ArrayList<>();
        String single = CommandFields.read(command, SetJobRetriesCmd.class, "jobId");
        if (single != null) {
            ids.add(single);
        }
        List<String> several = CommandFields.read(command, SetJobRetriesCmd.class, "jobIds");
        if (several != null) {
            ids.addAll(several);
        }
        for (String id : ids) {
            JobEntity job = context.getJobManager().findJobById(id);
            if (job != null && job.getRetries() > 0) {
                throw CommandRule.refused("Only a failed job (an incident) is retried; job " + id + " has not failed.");
            }
        }
    }
}
