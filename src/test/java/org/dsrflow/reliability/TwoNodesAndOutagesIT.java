package org.dsrflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Links;
import org.dsrflow.testsupport.Mails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two identical nodes (the packaged jar twice) on one empty PostgreSQL database, started at the same
 * moment: both come up (schema, migrations and set-up run once, under the start-up lock), load
 * spread over both is acknowledged exactly once, departments completing their tasks of one request
 * at the same moment through either node all succeed and every request reaches review, and one
 * request is answered with its lifecycle crossing both nodes. Then a second process with node A's id
 * is refused while node A runs on. Then the SMTP server and the database go away while node A runs:
 * an SMTP outage ends in incidents that name the real cause and a retry sends every email exactly
 * once; during a database outage requests are answered 503 with Retry-After within 5 s and health
 * goes DOWN, and the node recovers by itself when the database is back. One database and node A for
 * all three scenarios: each start of the jar costs some 15 s; the two nodes must start first, on the
 * empty database.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("app-nodes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesAndOutagesIT {

    private static final Logger log = LoggerFactory.getLogger(TwoNodesAndOutagesIT.class);
    static final List<String> ROUTED = List.of("sales", "marketing", "support", "finance");
    static final String PASSWORD = "it-staff-password-1";

    Database database;
    MailSink mail;
    AppNode a;

    @BeforeAll
    void databaseAndSmtp() throws Exception {
        database = new Database();
        mail = new MailSink();
        a = new AppNode("node-a", database.jdbcUrl(), mail.port());
    }

    @AfterAll
    void close() throws Exception {
        a.close();
        mail.close();
        database.close();
    }

    @Test
    @Order(1)
    void twoNodesShareTheWorkAndEveryEmailGoesOutOnce() throws Exception {
        try (AppNode b = new AppNode("node-b", database.jdbcUrl(), mail.port())) {
            a.start();
            b.start();
            CompletableFuture<Void> upA = CompletableFuture.runAsync(() -> a.awaitUp(BurstCrashAndShutdownIT.START));
            CompletableFuture<Void> upB = CompletableFuture.runAsync(() -> b.awaitUp(BurstCrashAndShutdownIT.START));
            upA.get();
            upB.get();
            List<String> staff = new ArrayList<>(ROUTED);
            staff.add("privacy");
            a.createStaff(staff, PASSWORD);

            // Load spread over both nodes
            List<Load.Outcome> outcomes = new Load().submit("two", 200, 16, i -> i % 2 == 0 ? a.port() : b.port(),
                    new AtomicBoolean());
            assertThat(Load.statuses(outcomes)).isEqualTo(Map.of(201, 200L));
            mail.awaitAtLeast(200, BurstCrashAndShutdownIT.to("two-"), Duration.ofMinutes(3));
            Map<String, List<String>> acknowledged = mail.byAddress(BurstCrashAndShutdownIT.to("two-"));
            assertThat(MailSink.duplicates(acknowledged)).isEmpty();
            assertThat(acknowledged).hasSize(200);
            assertThat(database.count("select count(distinct lock_owner_) from act_ru_job")).isLessThanOrEqualTo(2);

            // Twenty requests confirmed; at each, the four departments complete at the same moment, through either node
            List<String> references = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                MimeMessage acknowledgement = mail.messages().stream()
                        .filter(BurstCrashAndShutdownIT.to(Load.email("two", i))).findFirst().orElseThrow();
                String reference = acknowledgement.getSubject().replaceAll(".*(DSR-\\d{4}-\\d{6}).*", "$1");
                references.add(reference);
                Links.confirm((i % 2 == 0 ? b : a).http(), Mails.confirmationPath(acknowledgement));
            }
            ExecutorService departments = Executors.newFixedThreadPool(ROUTED.size());
            List<Integer> statuses = new ArrayList<>();
            for (String reference : references) {
                CountDownLatch together = new CountDownLatch(1);
                List<Future<Integer>> completions = new ArrayList<>();
                for (int d = 0; d < ROUTED.size(); d++) {
                    String department = ROUTED.get(d);
                    AppNode node = d % 2 == 0 ? a : b;
                    String taskId = awaitTask(node, department, reference);
                    completions.add(departments.submit(() -> {
                        together.await();
                        return node.http().postJson("/engine-rest/task/" + taskId + "/complete",
                                "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\": \\\"no\\\"}\"}}}",
                                "Authorization", Http.basic(department + "1", PASSWORD)).status();
                    }));
                }
                together.countDown();
                for (Future<Integer> completion : completions) {
                    statuses.add(completion.get());
                }
            }
            departments.shutdown();
            log.info("parallel completions: {}", statuses);
            assertThat(statuses).hasSize(80).containsOnly(204);
            for (String reference : references) {
                awaitTask(a, "privacy", reference);
            }

            // One lifecycle across both nodes: reviewed on node A, answered once.
            String reference = references.get(0);
            String review = awaitTask(b, "privacy", reference);
            assertThat(a.http().postJson("/engine-rest/task/" + review + "/complete",
                    "{\"variables\": {\"reviewDecision\": {\"value\": \"approve\"}}}",
                    "Authorization", Http.basic("privacy1", PASSWORD)).status()).isEqualTo(204);
            mail.awaitAtLeast(1, MailSink.subjectContains("Our answer to your request " + reference), Duration.ofMinutes(2));
            assertThat(mail.byAddress(MailSink.subjectContains(reference)).get(Load.email("two", 0))).hasSize(2);
        }
    }

    @Test
    @Order(2)
    void aSecondProcessWithTheSameNodeIdDoesNotStart() throws Exception {
        AppNode first = a;
        if (!first.alive()) {
            first.start();
        }
        first.awaitUp(BurstCrashAndShutdownIT.START);
        try (AppNode second = new AppNode(first.name(), database.jdbcUrl(), mail.port())) {
            second.start();
            long started = System.nanoTime();
            while (second.alive() && System.nanoTime() - started < Duration.ofSeconds(120).toNanos()) {
                AppNode.pause(500);
            }
            assertThat(second.alive()).as("a second process with the same node id").isFalse();
            assertThat(java.nio.file.Files.readString(AppNode.LOGS.resolve(second.logName())))
                    .contains("Another running process already is node " + first.name());
            assertThat(first.http().get("/actuator/health").status()).isEqualTo(200);
            assertThat(new Load().submitOne(first.port(), "same-id@example.com").status()).isEqualTo(201);
        }
    }

    @Test
    @Order(3)
    void smtpThenDatabaseOutageEndInIncidentsAndFast503sAndNodeARecoversByItself() throws Exception {
        AppNode node = a;
        if (!node.alive()) {
            node.start();
        }
        node.awaitUp(BurstCrashAndShutdownIT.START);
        Http admin = node.http();
        String auth = Http.basic("admin", AppNode.ADMIN_PASSWORD);

        // SMTP outage: twenty acknowledgements fail until their retries run out (R3/PT2S) ...
        mail.stop();
        List<Load.Outcome> outcomes = new Load().submit("smtp", 20, 8, i -> node.port(), new AtomicBoolean());
        assertThat(Load.statuses(outcomes)).isEqualTo(Map.of(201, 20L));
        JsonNode incidents = awaitIncidents(admin, auth, 20);
        for (JsonNode incident : incidents) {
            assertThat(incident.get("incidentMessage").asText()).contains("ACKNOWLEDGEMENT")
                    .containsAnyOf("ConnectException", "Connection refused").doesNotContain("JDBC", "@");
        }
        // ... and a retry of each (Cockpit's "Retry") sends each exactly once.
        mail.start();
        for (JsonNode incident : incidents) {
            assertThat(admin.put("/engine-rest/job/" + incident.get("configuration").asText() + "/retries",
                    "{\"retries\": 1}", "Authorization", auth).status()).isEqualTo(204);
        }
        mail.awaitAtLeast(20, BurstCrashAndShutdownIT.to("smtp-"), Duration.ofMinutes(1));
        assertThat(MailSink.duplicates(mail.byAddress(BurstCrashAndShutdownIT.to("smtp-")))).isEmpty();
        assertThat(admin.get("/engine-rest/incident", "Authorization", auth).json()).isEmpty();

        // Database outage: fast 503 with Retry-After, health DOWN ...
        database.stop();
        long down = System.nanoTime();
        long slowest = 0;
        for (int attempt = 0; System.nanoTime() - down < Duration.ofSeconds(20).toNanos(); attempt++) {
            Load.Outcome refused = new Load().submitOne(node.port(), "db-during-" + attempt + "@example.com");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("nothing was stored");
            slowest = Math.max(slowest, refused.millis());
            AppNode.pause(1_000);
        }
        log.info("database stopped for 20 s: every submission answered 503, the slowest after {} ms", slowest);
        assertThat(slowest).isLessThanOrEqualTo(5_000);
        Http.Response engineRest = node.http().get("/engine-rest/task", "Authorization", auth);
        assertThat(engineRest.status()).as("Camunda's REST API during the outage").isEqualTo(503);
        assertThat(engineRest.header("Retry-After")).isEqualTo("30");
        Http.Response submitted = node.http().postJson("/api/requests", """
                {"type": "ACCESS", "name": "Load Test", "email": "db-header@example.com", "site": "SE", "language": "en"}""");
        assertThat(submitted.header("Retry-After")).isEqualTo("30");
        assertThat(submitted.header("Content-Type")).startsWith("application/problem+json");
        long started = System.nanoTime();
        Http.Response health = node.http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(Duration.ofSeconds(5));

        // ... and back without a restart.
        database.start();
        long back = System.nanoTime();
        node.awaitUp(Duration.ofSeconds(60));
        log.info("health UP {} ms after the database came back", (System.nanoTime() - back) / 1_000_000);
        assertThat(new Load().submitOne(node.port(), "db-after@example.com").status()).isEqualTo(201);
        mail.awaitAtLeast(1, BurstCrashAndShutdownIT.to("db-after"), Duration.ofMinutes(2));
        assertThat(database.count("select count(*) from dsr_request where requester_email like 'db-during%'")).isZero();
        assertThat(MailSink.duplicates(mail.byAddress(BurstCrashAndShutdownIT.to("db-")))).isEmpty();
    }

    private static JsonNode awaitIncidents(Http http, String auth, int count) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode incidents = null;
        while (System.nanoTime() < end) {
            incidents = http.get("/engine-rest/incident?incidentType=failedJob", "Authorization", auth).json();
            if (incidents.size() >= count) {
                return incidents;
            }
            AppNode.pause(500);
        }
        throw new AssertionError("expected " + count + " incidents, got " + (incidents == null ? 0 : incidents.size()));
    }

    /** The id of the group's open task of the request, once the job executor has created it. */
    private static String awaitTask(AppNode node, String group, String reference) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode tasks = node.http().get("/engine-rest/task?processInstanceBusinessKey=" + reference
                    + "&candidateGroup=" + group, "Authorization", Http.basic(group + "1", PASSWORD)).json();
            if (tasks.size() == 1) {
                return tasks.get(0).get("id").asText();
            }
            AppNode.pause(100);
        }
        throw new AssertionError("no task of " + group + " for " + reference + " within 60 s");
    }
}
