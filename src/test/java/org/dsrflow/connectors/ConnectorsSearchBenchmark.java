package org.dsrflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.dsrflow.testsupport.CrmDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors' benchmark (with {@code scripts/benchmark}, or alone: {@code ./mvnw -Pbenchmark verify
 * -Dit.test=ConnectorsSearchBenchmark}; not part of {@code ./mvnw verify}): a CRM customer table of
 * {@code benchmark.crm.rows} rows (1,000,000; an index on lower(email)) in the embedded PostgreSQL of
 * {@link CrmDatabase}, searched through {@link Connectors#search} as the register configures a system (its pool of
 * two connections, read-only transactions, the caps) from {@code benchmark.crm.threads} threads (4) for
 * {@code benchmark.crm.seconds} seconds (20), each search for a random customer's address. It prints searches per
 * second and the p50 and p99 latencies and writes them to target/benchmark/connectors.json.
 */
class ConnectorsSearchBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ConnectorsSearchBenchmark.class);

    final int rows = Integer.getInteger("benchmark.crm.rows", 1_000_000);
    final int threads = Integer.getInteger("benchmark.crm.threads", 4);
    final int seconds = Integer.getInteger("benchmark.crm.seconds", 20);

    @Test
    void searchesPerSecondAgainstAMillionCustomers() throws Exception {
        // One line per search would measure the console, not the search.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.dsrflow.connectors")).setLevel(Level.WARN);
        CrmDatabase.start();
        long filling = System.nanoTime();
        fill();
        double fillSeconds = (System.nanoTime() - filling) / 1e9;

        Connectors connectors = Connectors.standalone(Fietsen.registerWith(Map.of(
                "dsr.organisation.departments.shop.systems.crm.categories.customer.search",
                "SELECT c.id, c.name, c.email, c.phone, c.city, c.created_on FROM bench_customer c WHERE lower(c.email) = lower(:email)")),
                Fietsen.environment());
        DataSystem crm = connectors.system("crm").orElseThrow();
        try {
            for (int i = 0; i < 200; i++) { // warm-up: the pool, the JIT, PostgreSQL's caches
                search(connectors, crm);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            List<Future<List<Long>>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        search(connectors, crm);
                        latencies.add(System.nanoTime() - before);
                    }
                    return latencies;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> worker : workers) {
                latencies.addAll(worker.get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            Collections.sort(latencies);
            double perSecond = latencies.size() / elapsed;
            double p50 = percentile(latencies, 0.50);
            double p99 = percentile(latencies, 0.99);

            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode report = json.createObjectNode();
            report.put("rows", rows).put("fillSeconds", Math.round(fillSeconds * 10) / 10.0).put("threads", threads)
                    .put("poolSize", 2).put("seconds", Math.round(elapsed * 10) / 10.0).put("searches", latencies.size())
                    .put("searchesPerSecond", Math.round(perSecond)).put("p50Ms", round(p50)).put("p99Ms", round(p99))
                    .put("machine", Runtime.getRuntime().availableProcessors() + " cores");
            Path out = Path.of("target", "benchmark");
            Files.createDirectories(out);
            Files.writeString(out.resolve("connectors.json"), json.writeValueAsString(report));
            log.info("Connectors' search benchmark:\n{}", json.writeValueAsString(report));

            // Sane lower bounds for an indexed lookup through a pool of two on a shared two-core machine (measured
            // there: 2,000-6,500 searches per second, p99 3-35 ms, depending on what else runs): far below would be a regression.
            assertThat(perSecond).as("searches per second").isGreaterThan(500);
            assertThat(p99).as("p99 latency in ms").isLessThan(250);
        } finally {
            connectors.destroy();
            try (Connection connection = CrmDatabase.connection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_customer");
            }
        }
    }

    private void search(Connectors connectors, DataSystem crm) {
        int customer = ThreadLocalRandom.current().nextInt(1, rows + 1);
        SearchResult result = connectors.search(crm, "customer", new Identity("Customer" + customer + "@Example.nl", "Customer " + customer));
        if (result.rows().size() != 1) {
            throw new AssertionError("customer " + customer + ": " + result.rows().size() + " rows");
        }
    }

    private void fill() throws Exception {
        try (Connection connection = CrmDatabase.connection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_customer");
            statement.execute("CREATE TABLE bench_customer (id integer PRIMARY KEY, name text NOT NULL, email text, phone text,"
                    + " city text, created_on date NOT NULL)");
            statement.execute("INSERT INTO bench_customer SELECT g, 'Customer ' || g, 'customer' || g || '@example.nl',"
                    + " '+31 6 ' || lpad((g % 100000000)::text, 8, '0'), (ARRAY['Groningen','Utrecht','Assen','Zwolle','Aarhus'])[1 + g % 5],"
                    + " date '2020-01-01' + (g % 2000) FROM generate_series(1, " + rows + ") g");
            statement.execute("CREATE INDEX bench_customer_email ON bench_customer (lower(email))");
            statement.execute("ANALYZE bench_customer");
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
