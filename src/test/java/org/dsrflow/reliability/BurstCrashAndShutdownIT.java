package org.dsrflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.dsrflow.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node (the packaged jar, prod profile) on PostgreSQL and SMTP under load, killed with SIGKILL
 * during the acknowledgement burst, and stopped with SIGTERM under load: every request that was
 * stored gets exactly one acknowledgement (counted per address, by Message-ID), no valid
 * submission is answered with a 5xx, the process exits within 30 s of SIGTERM, and no job is left
 * locked once the node runs again. The scenarios share one node (each start of the jar costs some
 * 15 s on a small machine): the first that needs it starts it, a scenario that kills or stops it
 * starts it again as part of what it checks, and it keeps running for the next. The node sends through
 * a relay ({@link SmtpRelay}), so the scenario with a slow SMTP server puts it behind the running node
 * instead of restarting the node to change its SMTP port.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("app-nodes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BurstCrashAndShutdownIT {

    private static final Logger log = LoggerFactory.getLogger(BurstCrashAndShutdownIT.class);
    /**
     * How long a start may take before the test gives up: generous, since the nodes run niced beside the other
     * tests and get only the CPU those leave (a restart after SIGKILL also waits for the killed node's lease).
     * How fast a node starts is the benchmark's figure, not asserted here.
     */
    static final Duration START = Duration.ofMinutes(3);

    Database database;
    MailSink mail;
    /** Where the node sends: the mail sink, or for one scenario a slow SMTP server, without a restart of the node. */
    SmtpRelay relay;
    AppNode node;

    @BeforeAll
    void databaseAndSmtp() throws Exception {
        database = new Database();
        mail = new MailSink();
        relay = new SmtpRelay(mail.port());
    }

    @AfterAll
    void close() throws Exception {
        if (node != null) {
            node.close();
        }
        relay.close();
        mail.close();
        database.close();
    }

    @Test
    void sixteenClientsSubmitFourHundredRequestsAndEachGetsOneAcknowledgement() throws Exception {
        AppNode node = running();
        List<Load.Outcome> outcomes = new Load().submit("burst", 400, 16, i -> node.port(), new AtomicBoolean());
        log.info("burst: statuses {}, slowest {} ms", Load.statuses(outcomes),
                outcomes.stream().mapToLong(Load.Outcome::millis).max().orElse(0));
        assertThat(Load.statuses(outcomes)).isEqualTo(Map.of(201, 400L));
        assertThat(database.count("select count(*) from dsr_request where requester_email like 'burst-%'")).isEqualTo(400);
        mail.awaitAtLeast(400, to("burst-"), Duration.ofMinutes(3));
        assertExactlyOnce("burst-", 400);
    }

    @Test
    void aNodeKilledDuringTheAcknowledgementBurstSendsEachExactlyOnceAfterItsRestart() throws Exception {
        AppNode node = running();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<List<Load.Outcome>> submitting = inBackground("crash", 300, node, stop);
        mail.awaitAtLeast(60, to("crash-"), Duration.ofMinutes(2));
        node.kill();
        stop.set(true);
        List<Load.Outcome> outcomes = submitting.get();
        log.info("crash: statuses {} before SIGKILL", Load.statuses(outcomes));
        assertThat(outcomes).noneMatch(outcome -> outcome.status() >= 500);

        long started = System.nanoTime();
        node.start().awaitUp(START);
        long stored = database.count("select count(*) from dsr_request where requester_email like 'crash-%'");
        // Killed after recording "sent" and before the server's 250 to the end of the message, an
        // email is sent but unconfirmed: never sent again (it may have been delivered), counted in
        // dsr_emails_unconfirmed for staff to check. Each other one arrives exactly once.
        long unconfirmed = database.count("""
                select count(*) from dsr_correspondence c join dsr_request r on r.id = c.request_id
                where r.requester_email like 'crash-%' and c.status = 'SENT' and c.confirmed_at is null""");
        assertThat(unconfirmed).as("sent but unconfirmed at the kill (at most one per job thread)").isLessThanOrEqualTo(6);
        mail.awaitAtLeast((int) (stored - unconfirmed), to("crash-"), Duration.ofMinutes(3));
        log.info("crash: {} stored requests acknowledged {} ms after the restart began ({} sent unconfirmed at the kill)",
                stored - unconfirmed, (System.nanoTime() - started) / 1_000_000, unconfirmed);
        Map<String, List<String>> received = mail.byAddress(to("crash-"));
        assertThat(MailSink.duplicates(received)).as("addresses acknowledged more than once").isEmpty();
        assertThat((long) received.size()).isBetween(stored - unconfirmed, stored);
        assertNoJobLocked();
    }

    @Test
    void aNodeStoppedUnderLoadExitsWithinThirtySecondsAndLosesNothing() throws Exception {
        AppNode node = running();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<List<Load.Outcome>> submitting = inBackground("stop", 100_000, node, stop);
        mail.awaitAtLeast(60, to("stop-"), Duration.ofMinutes(2));
        Duration exit = node.terminate(Duration.ofSeconds(30));
        stop.set(true);
        List<Load.Outcome> outcomes = submitting.get();
        log.info("SIGTERM under load: exited after {} ms; statuses {}", exit.toMillis(), Load.statuses(outcomes));
        assertThat(exit).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(outcomes).noneMatch(outcome -> outcome.status() >= 500);

        node.start().awaitUp(START);
        long stored = database.count("select count(*) from dsr_request where requester_email like 'stop-%'");
        mail.awaitAtLeast((int) stored, to("stop-"), Duration.ofMinutes(3));
        assertExactlyOnce("stop-", stored);
        assertNoJobLocked();
    }

    @Test
    void aNodeStoppedWhileItsSmtpServerIsSlowExitsWithinThirtySecondsAndSendsEachOnce() throws Exception {
        try (ScriptedSmtpServer slow = new ScriptedSmtpServer().replyDelay(1_500)) {
            AppNode node = running();
            relay.to(slow.port());
            Load load = new Load();
            for (int i = 0; i < 30; i++) {
                assertThat(load.submitOne(node.port(), Load.email("slow-stop", i)).status()).isEqualTo(201);
            }
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (slow.taken().size() < 3 && System.nanoTime() < until) {
                AppNode.pause(200);
            }
            Duration exit = node.terminate(Duration.ofSeconds(30));
            log.info("SIGTERM with every SMTP answer 1.5 s late: exited after {} ms; the slow server took {}, cut off {}",
                    exit.toMillis(), slow.taken().size(), slow.cutOff().size());
            assertThat(exit).isLessThanOrEqualTo(Duration.ofSeconds(30));

            // The operator points the node at a working SMTP server and starts it again.
            relay.to(mail.port());
            node.start().awaitUp(START);
            long stored = database.count("select count(*) from dsr_request where requester_email like 'slow-stop-%'");
            int before = slow.taken().size();
            mail.awaitAtLeast((int) stored - before, to("slow-stop-"), Duration.ofMinutes(3));
            List<String> ids = new java.util.ArrayList<>(slow.taken());
            mail.byAddress(to("slow-stop-")).values().forEach(ids::addAll);
            assertThat(ids).as("every acknowledgement once, over both servers").hasSize((int) stored).doesNotHaveDuplicates();
            assertNoJobLocked();
        }
    }

    /** The shared node, up and sending through the relay: started if it does not run. */
    private AppNode running() throws Exception {
        if (node == null) {
            node = new AppNode("burst", database.jdbcUrl(), relay.port());
        }
        if (!node.alive()) {
            node.start();
        }
        return node.awaitUp(START);
    }

    /** 16 clients submitting {@code count} requests to the node until {@code stop}. */
    private static CompletableFuture<List<Load.Outcome>> inBackground(String run, int count, AppNode node, AtomicBoolean stop) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Load().submit(run, count, 16, i -> node.port(), stop);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void assertExactlyOnce(String run, long stored) {
        Map<String, List<String>> received = mail.byAddress(to(run));
        assertThat(MailSink.duplicates(received)).as("addresses acknowledged more than once").isEmpty();
        assertThat(received).hasSize((int) stored);
    }

    private void assertNoJobLocked() throws Exception {
        // Jobs still to run may be locked for a moment by the running node; none may stay locked by a dead one.
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long locked;
        do {
            locked = database.count("select count(*) from act_ru_job where lock_owner_ is not null");
            if (locked == 0) {
                return;
            }
            AppNode.pause(200);
        } while (System.nanoTime() < end);
        assertThat(locked).as("jobs left locked").isZero();
    }

    static Predicate<MimeMessage> to(String run) {
        return message -> {
            try {
                return message.getAllRecipients()[0].toString().startsWith(run)
                        && message.getSubject().startsWith("We received your request");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
