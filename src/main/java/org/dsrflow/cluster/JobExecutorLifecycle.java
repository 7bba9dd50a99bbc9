package org.dsrflow.cluster;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job executor of a node that may be restarted, killed or shut down at any moment:
 * <ul>
 * <li>its jobs are locked in this node's name ({@link NodeId}) for {@code lock-time-in-millis};</li>
 * <li>at start-up, once this process holds the node's lease ({@link NodeLease}: no other live
 *     process uses the id), and before it acquires anything, the locks its earlier run left behind (a
 *     crash) are released, so the restarted node works its backlog at once instead of after the lock
 *     time;</li>
 * <li>at shutdown it is stopped first: it stops acquiring, lets running jobs finish (at most
 *     {@value #FINISH_SECONDS} s), and, if they all did, releases the locks of jobs it acquired but
 *     never ran, so another node takes them at once (a job still running keeps its lock). With the web
 *     server's graceful phase and the job threads' own phase (8 s each) the process is gone within 30 s.</li>
 * </ul>
 */
@Component
class JobExecutorLifecycle extends AbstractProcessEnginePlugin implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobExecutorLifecycle.class);
    static final int FINISH_SECONDS = 12;

    private final NodeId node;
    private final NodeLease lease;
    private final JdbcClient jdbc;
    private final int lockTimeMillis;
    private ProcessEngineConfigurationImpl configuration;
    private volatile boolean running;

    JobExecutorLifecycle(NodeId node, NodeLease lease, JdbcClient jdbc,
                         @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") int lockTimeMillis) {
        this.node = node;
        this.lease = lease;
        this.jdbc = jdbc;
        this.lockTimeMillis = lockTimeMillis;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (jobExecutor != null) {
            jobExecutor.setLockOwner(node.value());
            jobExecutor.setLockTimeInMillis(lockTimeMillis);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        lease.acquire();
        int released = releaseLocks();
        if (released > 0) {
            log.info("Released {} job locks that this node ({}) held before it stopped", released, node);
        }
    }

    private int releaseLocks() {
        return jdbc.sql("update " + configuration.getDatabaseTablePrefix() + "ACT_RU_JOB set LOCK_OWNER_ = null, "
                        + "LOCK_EXP_TIME_ = null, REV_ = REV_ + 1 where LOCK_OWNER_ = :owner")
                .param("owner", node.value()).update();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        JobExecutor jobExecutor = configuration == null ? null : configuration.getJobExecutor();
        if (jobExecutor == null || !jobExecutor.isActive()) {
            lease.release();
            return;
        }
        long started = System.nanoTime();
        boolean finished = true;
        jobExecutor.shutdown();
        if (jobExecutor instanceof org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
            ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
            threads.shutdown();
            try {
                finished = threads.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
        }
        if (finished) {
            int released = releaseLocks();
            log.info("Job executor stopped in {} ms; {} acquired but unstarted jobs released for other nodes",
                    (System.nanoTime() - started) / 1_000_000, released);
            lease.release();
        } else {
            // Their locks (and this node's lease) run out by themselves; releasing them now could run a job twice.
            log.warn("Jobs still running after {} s; their locks expire after {} ms", FINISH_SECONDS, lockTimeMillis);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before everything else (the web server, the engine, the connection pools). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
