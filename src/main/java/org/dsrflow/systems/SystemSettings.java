package org.dsrflow.systems;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the application works its systems' tasks ({@code dsr.systems}). {@code worker}: {@code scheduled} (the worker
 * inside the application fetches tasks every {@code poll-interval}), {@code manual} (only {@link SystemWorker#runOnce()}:
 * the tests) or {@code off} (only separate worker processes serve them). {@code search-wait}: how long a department's task
 * waits for its systems' searches before it opens anyway (the department then searches what is missing by hand).
 */
@ConfigurationProperties(prefix = "dsr.systems")
record SystemSettings(String worker, Duration pollInterval, Duration searchWait, String workerId) {

    SystemSettings {
        worker = worker == null || worker.isBlank() ? "scheduled" : worker.strip();
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        searchWait = searchWait == null ? Duration.ofHours(1) : searchWait;
        // One id per node and start: the engine tells a worker whose lock ran out from the one that took the task over.
        workerId = workerId == null || workerId.isBlank() ? "dsr-flow-" + host() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                : workerId.strip();
        if (!worker.equals("scheduled") && !worker.equals("manual") && !worker.equals("off")) {
            throw new IllegalArgumentException("dsr.systems.worker must be scheduled, manual or off, not " + worker);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    boolean scheduled() {
        return "scheduled".equals(worker);
    }
}
