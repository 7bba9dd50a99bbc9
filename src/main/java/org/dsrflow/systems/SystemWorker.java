package org.dsrflow.systems;

import java.time.Duration;
import java.util.List;
import org.dsrflow.process.SystemTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The worker inside the application: fetches and locks the tasks of the application's systems (the register's default
 * {@code worker: application}; both kinds' topics) every {@code dsr.systems.poll-interval} and carries each out
 * ({@link SystemRunner}). Every node of a cluster runs one; the engine's lock gives each task to one worker. A system the
 * register gives to a separate worker process ({@code worker: <name>}) is on topics named for it, which this worker never
 * fetches; {@code dsr.systems.worker: off} leaves even the application's systems to a separate process named
 * {@code application}.
 */
@Component
public class SystemWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SystemWorker.class);
    /** The lock a fetch takes; the runner extends it to the system's own lock duration. */
    static final Duration FETCH_LOCK = Duration.ofMinutes(5);
    /** One task at a time: a task waiting in a batch would use up its lock before it starts. */
    private static final int BATCH = 1;

    private final SystemTasks tasks;
    private final SystemRunner runner;
    private final SystemSettings settings;
    private final boolean anySystem;
    private ThreadPoolTaskScheduler scheduler;

    SystemWorker(SystemTasks tasks, SystemRunner runner, SystemSettings settings, org.dsrflow.config.DsrProperties properties) {
        this.tasks = tasks;
        this.runner = runner;
        this.settings = settings;
        this.anySystem = properties.organisation().departments().values().stream().anyMatch(department -> !department.systems().isEmpty());
    }

    /** Fetches and carries out the open system tasks until none is left; returns how many it carried out (the tests). */
    public int runOnce() {
        int done = 0;
        List<SystemTasks.Locked> locked;
        do {
            locked = tasks.fetchAndLock(settings.workerId(), BATCH, SystemTasks.TOPICS, FETCH_LOCK);
            for (SystemTasks.Locked task : locked) {
                try {
                    runner.run(task);
                } catch (RuntimeException e) {
                    // e.g. the task was taken over after its lock ran out: the other worker finishes it
                    log.warn("System worker: task {} of run {} could not be finished here: {}", task.id(), task.run(), e.getClass().getName());
                }
                done++;
            }
        } while (locked.size() == BATCH);
        return done;
    }

    private void poll() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("System worker: a poll failed: {}", e.getClass().getName());
        }
    }

    @Override
    public void start() {
        if (!settings.scheduled() || !anySystem) {
            return; // a register without systems never has a system task: no polling
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("dsr-systems-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::poll, java.time.Instant.now().plus(settings.pollInterval()), settings.pollInterval());
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
