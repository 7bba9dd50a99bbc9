package org.dsrflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dsrflow.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server and then the database go away while a node runs (the packaged jar, prod profile):
 * an SMTP outage ends in incidents that name the real cause and a retry sends every email exactly
 * once; during a database outage requests are answered 503 with Retry-After within 5 s and health
 * goes DOWN, and the node recovers by itself when the database is back.
 */
class OutagesIT {

    private static final Logger log = LoggerFactory.getLogger(OutagesIT.class);

    @Test
    void smtpThenDatabaseOutage() throws Exception {
        try (Database database = new Database(); MailSink mail = new MailSink();
             AppNode node = new AppNode("outage", database.jdbcUrl(), mail.port())) {
            node.start().awaitUp(Duration.ofSeconds(90));
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
            assertThat(MailSink.duplicates(mail.byAddress(message -> true))).isEmpty();
        }
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
}
