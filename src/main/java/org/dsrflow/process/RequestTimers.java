package org.dsrflow.process;

import java.util.Set;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.runtime.Job;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;

/**
 * The statutory clock's timers of a request's process, moved from inside the process (a listener or delegate of
 * its execution) when the dates they read change. The system moves its own timers, so this runs without the
 * deciding user's authorizations.
 */
public final class RequestTimers {

    /** The statutory clock's timers in the handling phase; each reads a date variable. */
    static final Set<String> CLOCK_TIMERS = Set.of(Elements.TIMER_DEADLINE_WARNING, Elements.TIMER_EXTENSION_CUTOFF,
            Elements.TIMER_WARNING_AFTER_EXTENSION, Elements.TIMER_DEADLINE_BREACH);

    private RequestTimers() {
    }

    /** Re-evaluates the breach timer ({@code ${answerDueDate}}) after the date changed. */
    public static void moveBreachTimer(DelegateExecution execution) {
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        Context.getCommandContext().runWithoutAuthorization(() -> {
            for (Job timer : management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
                    .activityId(Elements.TIMER_DEADLINE_BREACH).timers().list()) {
                management.recalculateJobDuedate(timer.getId(), false);
            }
            return null;
        });
    }

    /**
     * While the clock is stopped its timers wait: suspended, so the job executor never acquires
     * them. The timer rows themselves change (not a bulk update), so that a timer recalculated or
     * cancelled later in the same transaction is written once.
     */
    public static void holdClockTimers(DelegateExecution execution) {
        forClockTimers(execution, (management, timer) -> timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode()));
    }

    /** The clock runs again: each timer is active and due at its recomputed date (Camunda re-evaluates its expression). */
    public static void resumeClockTimers(DelegateExecution execution) {
        forClockTimers(execution, (management, timer) -> {
            timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
            management.recalculateJobDuedate(timer.getId(), false);
        });
    }

    private static void forClockTimers(DelegateExecution execution, BiConsumer<ManagementService, JobEntity> action) {
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        Context.getCommandContext().runWithoutAuthorization(() -> {
            for (Job timer : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers().list()) {
                if (timer instanceof JobEntity entity && CLOCK_TIMERS.contains(entity.getActivityId())) {
                    action.accept(management, entity);
                }
            }
            return null;
        });
    }
}
