package org.dsrflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Requesters submitting at once through {@code POST /api/requests}, as many clients in parallel. */
final class Load {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    /** What one submission got back: a status (or -1 when no answer came: the node was gone), when it started, how long it took. */
    record Outcome(String email, int status, String body, long millis, long startedNanos, long nanos) {

        Outcome(String email, int status, String body, long millis) {
            this(email, status, body, millis, 0, millis * 1_000_000);
        }
    }

    static String email(String run, int i) {
        return run + "-" + i + "@example.com";
    }

    /**
     * Submits {@code count} requests from {@code clients} threads, spread over the nodes'
     * ports by {@code portOf(i)}, stopping early when {@code stop} is set; returns when all are done.
     */
    List<Outcome> submit(String run, int count, int clients, IntFunction<Integer> portOf, AtomicBoolean stop)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && !stop.get(); i = next.getAndIncrement()) {
                    outcomes.add(submitOne(portOf.apply(i), email(run, i)));
                }
            }));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return List.copyOf(outcomes);
    }

    Outcome submitOne(int port, String email) {
        String body = """
                {"type": "ACCESS", "name": "Load Test", "email": "%s", "site": "SE", "language": "en", "categories": ["contact"]}"""
                .formatted(email);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/requests"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            return new Outcome(email, response.statusCode(), response.body(), took / 1_000_000, started, took);
        } catch (IOException e) {
            long took = System.nanoTime() - started;
            return new Outcome(email, -1, e.toString(), took / 1_000_000, started, took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(email, -1, e.toString(), 0);
        }
    }

    /** Status → how many times it was answered. */
    static Map<Integer, Long> statuses(List<Outcome> outcomes) {
        Map<Integer, Long> counts = new TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome.status(), 1L, Long::sum));
        return counts;
    }
}
