package org.dsrflow.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's staff API for a worker's tasks ({@code /api/staff/systems/tasks/{id}}): the work of a task it holds,
 * then what was found or done, or why it failed. HTTP basic with the worker's account. A refusal is an {@link
 * ApiException} naming the call and the status (and the problem's detail, which names fields, never values); no body is
 * ever logged.
 */
final class StaffApi {

    /** A task's work as the API gives it. {@code identity} null: the request has no email address to search by. */
    record Work(long run, String system, String kind, String operation, List<String> categories, Person identity,
                List<Map<String, Object>> rows, Map<String, String> values) {

        @Override
        public String toString() { // the identity, rows and values are personal data
            return "Work[run " + run + ", " + system + ", " + operation + "]";
        }
    }

    record Person(String email, String name) {

        @Override
        public String toString() {
            return "Person[withheld]";
        }
    }

    /** A refused or failed call: which, and its status. */
    static final class ApiException extends RuntimeException {

        private final int status;

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int REPORT_ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String base;
    private final String authorization;

    StaffApi(URI apiUrl, String username, String password) {
        this.base = apiUrl.toString().replaceFirst("/+$", "") + "/api/staff/systems/tasks/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The work of a task this worker holds; empty when there is nothing (left) to do for it or it is not held any more. */
    Optional<Work> work(String taskId) {
        HttpResponse<String> response = send(request(taskId, "").GET(), "GET work");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "GET work");
        try {
            return Optional.of(json.readValue(response.body(), Work.class));
        } catch (IOException e) {
            throw new ApiException("GET work: the answer is not the work's JSON", response.statusCode());
        }
    }

    /** What a search found ({@code found}: category, rows, truncated), what an action did ({@code done}), or {@code skipped}. */
    void outcome(String taskId, Map<String, Object> outcome) {
        report(taskId, "/outcome", outcome, "POST outcome");
    }

    void failure(String taskId, String reason) {
        report(taskId, "/failure", Map.of("reason", reason), "POST failure");
    }

    /**
     * An outcome is sent again after a moment when the application could not take it (not reached, 5xx): what a system
     * did must reach it, and recording the same outcome twice records it once. A refusal (4xx) is final.
     */
    private void report(String taskId, String suffix, Object body, String call) {
        for (int attempt = 1; ; attempt++) {
            try {
                expect(send(post(taskId, suffix, body), call), 204, call);
                return;
            } catch (ApiException e) {
                if (attempt == REPORT_ATTEMPTS || e.status() >= 400 && e.status() < 500) {
                    throw e;
                }
            }
            try {
                Thread.sleep(attempt * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(call + ": interrupted", 0);
            }
        }
    }

    private HttpRequest.Builder request(String taskId, String suffix) {
        return HttpRequest.newBuilder(URI.create(base + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + suffix))
                .timeout(TIMEOUT).header("Authorization", authorization).header("Accept", "application/json");
    }

    private HttpRequest.Builder post(String taskId, String suffix, Object body) {
        try {
            return request(taskId, suffix).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException("the outcome could not be written as JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String call) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(call + ": the application could not be reached (" + e.getClass().getSimpleName() + ")", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(call + ": interrupted", 0);
        }
    }

    private void expect(HttpResponse<String> response, int status, String call) {
        if (response.statusCode() != status) {
            throw new ApiException(call + ": HTTP " + response.statusCode() + detail(response), response.statusCode());
        }
    }

    /** A problem's detail ("Invalid fields: found[0].rows"): the API names fields and what is wrong, never a value. */
    private String detail(HttpResponse<String> response) {
        try {
            JsonNode problem = json.readTree(response.body());
            return problem != null && problem.hasNonNull("detail") ? " (" + problem.get("detail").asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
