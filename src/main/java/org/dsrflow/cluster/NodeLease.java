package org.dsrflow.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.dsrflow.config.StartupCheckException;
import org.dsrflow.support.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which running process uses this node's id: a row in {@code dsr_node} that the process keeps fresh
 * (every {@value #HEARTBEAT_SECONDS} s). A process becomes the node only when no other live process
 * holds the id: a restarted node waits until its dead run's lease has run out (at most
 * {@value #LEASE_SECONDS} s) and then takes over its job locks and email claims; a second live
 * process with the same id (a copied {@code DSR_NODE_ID}) does not start. Real time, not the engine
 * clock: this is about processes being alive.
 */
@Component
class NodeLease {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    static final int HEARTBEAT_SECONDS = 5;
    static final int LEASE_SECONDS = 15;

    private final NodeId node;
    private final JdbcClient jdbc;
    private final String run = UUID.randomUUID().toString();
    private volatile boolean held;

    NodeLease(NodeId node, JdbcClient jdbc) {
        this.node = node;
        this.jdbc = jdbc;
    }

    /** Becomes the node; waits for a dead run's lease to end; fails when another live process keeps it. */
    void acquire() {
        Instant giveUp = Instant.now().plusSeconds(LEASE_SECONDS + 10L);
        Instant lastSeen = null;
        while (true) {
            Optional<Lease> current = current();
            Instant now = Instant.now();
            if (current.isEmpty()) {
                try {
                    jdbc.sql("insert into dsr_node (node_id, run_id, started_at, heartbeat_at) values (:node, :run, :now, :now)")
                            .param("node", node.value()).param("run", run).param("now", Jdbc.utc(now)).update();
                    break;
                } catch (DuplicateKeyException concurrent) {
                    continue;
                }
            }
            Lease lease = current.get();
            if (lease.heartbeat().isBefore(now.minusSeconds(LEASE_SECONDS))) {
                int taken = jdbc.sql("""
                                update dsr_node set run_id = :run, started_at = :now, heartbeat_at = :now
                                where node_id = :node and run_id = :old""")
                        .param("run", run).param("now", Jdbc.utc(now)).param("node", node.value()).param("old", lease.run())
                        .update();
                if (taken == 1) {
                    log.info("Node {} taken over from an earlier run that stopped answering", node);
                    break;
                }
                continue;
            }
            if ((lastSeen != null && lease.heartbeat().isAfter(lastSeen)) || now.isAfter(giveUp)) {
                throw new StartupCheckException("Another running process already is node " + node + ".",
                        "Give every node of the cluster its own DSR_NODE_ID (or leave it unset: host name and port).");
            }
            lastSeen = lease.heartbeat();
            pause();
        }
        held = true;
    }

    @Scheduled(fixedDelay = HEARTBEAT_SECONDS * 1000L, initialDelay = HEARTBEAT_SECONDS * 1000L)
    void heartbeat() {
        if (!held) {
            return;
        }
        try {
            jdbc.sql("update dsr_node set heartbeat_at = :now where node_id = :node and run_id = :run")
                    .param("now", Jdbc.utc(Instant.now())).param("node", node.value()).param("run", run).update();
        } catch (DataAccessException e) {
            log.debug("Node heartbeat not written (database unavailable?): {}", e.getMessage());
        }
    }

    /** At a graceful stop: the id is free at once for the next start. */
    void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            jdbc.sql("delete from dsr_node where node_id = :node and run_id = :run")
                    .param("node", node.value()).param("run", run).update();
        } catch (DataAccessException e) {
            log.warn("Could not release node {}; its lease ends in {} s", node, LEASE_SECONDS);
        }
    }

    private Optional<Lease> current() {
        return jdbc.sql("select run_id, heartbeat_at from dsr_node where node_id = :node").param("node", node.value())
                .query((rs, row) -> new Lease(rs.getString("run_id"), Jdbc.instant(rs, "heartbeat_at"))).optional();
    }

    private static void pause() {
        try {
            Thread.sleep(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node's lease", e);
        }
    }

    private record Lease(String run, Instant heartbeat) {
    }
}
