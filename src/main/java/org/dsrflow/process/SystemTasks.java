package org.dsrflow.process;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SYSTEM_RUN;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.stereotype.Component;

/**
 * The request process's external tasks that search the organisation's systems and carry out what a department
 * confirmed (topics {@link #TOPICS}), as the engine holds them: fetched and locked by the worker inside the
 * application, completed or failed with the run's outcome kept in the application's tables (the task itself carries
 * only the run's id), and the department's wait for its searches ended. Runs as the application: the worker is
 * not a person, and a separate worker process reaches the tasks through Camunda's REST API with its own account.
 */
@Component
public class SystemTasks {

    /**
     * The application's systems' topics, one per kind of system: a worker next to a database need not speak HTTP, and
     * the other way round. A system served by a separate worker has its topic named for it ({@code dsr-system-sql-<worker>}).
     */
    public static final String TOPIC_SQL = "dsr-system-sql";
    public static final String TOPIC_HTTP = "dsr-system-http";
    public static final List<String> TOPICS = List.of(TOPIC_SQL, TOPIC_HTTP);

    /** A locked task: its id, the run it carries out, the retries left (null: never failed) and who locked it. */
    public record Locked(String id, long run, Integer retries, String workerId) {
    }

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final org.camunda.bpm.engine.TaskService taskService;
    private final ProcessEngineConfigurationImpl engine;

    SystemTasks(ExternalTaskService externalTasks, RuntimeService runtime, org.camunda.bpm.engine.TaskService taskService,
                ProcessEngineConfigurationImpl engine) {
        this.taskService = taskService;
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.engine = engine;
    }

    private <T> T asApplication(Callable<T> work) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work));
    }

    /** Fetches and locks up to {@code max} open tasks of these topics for this worker. */
    public List<Locked> fetchAndLock(String workerId, int max, List<String> topics, Duration lock) {
        return asApplication(() -> {
            var fetch = externalTasks.fetchAndLock(max, workerId);
            for (String topic : topics) {
                fetch = fetch.topic(topic, lock.toMillis()).variables(SYSTEM_RUN.name());
            }
            return fetch.execute().stream().map(SystemTasks::locked).toList();
        });
    }

    private static Locked locked(LockedExternalTask task) {
        Object run = task.getVariables().get(SYSTEM_RUN.name());
        return new Locked(task.getId(), ((Number) run).longValue(), task.getRetries(), task.getWorkerId());
    }

    /**
     * Whether a topic is a system task's: the application's ({@link #TOPICS}) or a separate worker's, which is one of
     * them followed by {@code -<worker>}.
     */
    public static boolean isSystemTopic(String topic) {
        return topic != null && TOPICS.stream().anyMatch(base -> topic.equals(base) || topic.startsWith(base + "-"));
    }

    /**
     * The system task with this id if {@code workerId} holds its lock now (a separate worker's call); empty for any other
     * task, one another worker holds, or one whose lock ran out: a worker reaches only the tasks it holds.
     */
    public Optional<Locked> heldBy(String taskId, String workerId) {
        return asApplication(() -> {
            ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(taskId).singleResult();
            if (task == null || !isSystemTopic(task.getTopicName()) || workerId == null || !workerId.equals(task.getWorkerId())
                    || task.getLockExpirationTime() == null || !task.getLockExpirationTime().after(ClockUtil.getCurrentTime())) {
                return Optional.<Locked>empty();
            }
            Object run = runtime.getVariable(task.getExecutionId(), SYSTEM_RUN.name());
            return run instanceof Number number
                    ? Optional.of(new Locked(task.getId(), number.longValue(), task.getRetries(), task.getWorkerId()))
                    : Optional.<Locked>empty();
        });
    }

    /** The department of a department task (or rework): its own {@code department} variable, read as the application. */
    public Optional<String> departmentOf(String taskId) {
        return asApplication(() -> Optional.ofNullable((String) taskService.getVariable(taskId, DEPARTMENT.name())));
    }

    /** Extends the lock to the system's own lock duration. */
    public void extendLock(String taskId, String workerId, Duration lock) {
        asApplication(() -> {
            externalTasks.extendLock(taskId, workerId, lock.toMillis());
            return null;
        });
    }

    public void complete(String taskId, String workerId) {
        asApplication(() -> {
            externalTasks.complete(taskId, workerId);
            return null;
        });
    }

    /**
     * A failed attempt: the engine retries after {@code backoff}; with no retries left the task becomes a Cockpit
     * incident carrying {@code message} (the system and the reason, never the person).
     */
    public void fail(String taskId, String workerId, String message, int retriesLeft, Duration backoff) {
        asApplication(() -> {
            externalTasks.handleFailure(taskId, workerId, message, null, retriesLeft, backoff.toMillis());
            return null;
        });
    }

    /**
     * All searches of a department have an outcome (found, or given up): its task opens, if it still waits for them.
     * False when it no longer waits (already opened, e.g. after the wait's time limit).
     */
    public boolean searchesDone(String processInstanceId, String department) {
        return asApplication(() -> {
            for (Execution waiting : runtime.createExecutionQuery().processInstanceId(processInstanceId)
                    .activityId(DataSubjectRequestProcess.Elements.RECEIVE_SYSTEMS_SEARCHED).list()) {
                if (department.equals(runtime.getVariable(waiting.getId(), DEPARTMENT.name()))) {
                    runtime.signal(waiting.getId());
                    return true;
                }
            }
            return false;
        });
    }
}
