package org.dsrflow.connectors;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.dsrflow.config.DsrProperties;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The HTTP systems: each call with the system's timeout and Authorization header (from the environment), the
 * path's placeholders expanded and encoded by Spring's UriComponentsBuilder, bodies written by Jackson. A call
 * is named in failures by its method and the register's path (without its query), never by its values.
 */
final class HttpConnector {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    private final EnvironmentValues environment;
    /** By system and its connect timeout. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    HttpConnector(EnvironmentValues environment) {
        this.environment = environment;
    }

    SearchResult search(DataSystem system, String category, DsrProperties.Step search, Identity identity) {
        Map<String, Object> values = Bindings.identity(system, search, identity, "search");
        HttpResponse<byte[]> response = send(system, search, values, List.of());
        JsonNode answer;
        try {
            answer = RowCollector.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectorException(system.id(), "the answer from " + named(search) + " is not JSON");
        }
        String pointer = search.records() == null ? "" : search.records();
        JsonNode records = answer.at(JsonPointer.compile(pointer));
        if (records.isMissingNode()) {
            throw new ConnectorException(system.id(), "no records at '" + pointer + "' in the answer from " + named(search));
        }
        RowCollector collector = new RowCollector(system.maxRows(), system.maxBytes());
        if (records.isArray()) {
            for (JsonNode record : records) {
                if (!collector.add(record(record))) {
                    break;
                }
            }
        } else if (!records.isNull()) {
            collector.add(record(records));
        }
        return new SearchResult(system.id(), category, collector.rows(), collector.truncated());
    }

    List<String> preview(DataSystem system, List<DsrProperties.Step> steps, Identity identity, List<Map<String, Object>> rows,
                         Map<String, String> values, String operation) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (int index = 0; index < steps.size(); index++) {
                DsrProperties.Step step = steps.get(index);
                Map<String, Object> bound = Bindings.all(system, step, identity, row, values, operation + "[" + index + "]");
                URI uri = uri("http://preview", step, bound);
                Object body = body(step, bound);
                String line = method(step) + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        + (body == null ? "" : " " + json(body));
                // A call that names the person shows where their address or name goes, not the encoded placeholder.
                lines.add(line.replace("%7Bemail%7D", "{email}").replace("%7Bname%7D", "{name}"));
            }
        }
        return lines;
    }

    /** Each call for each row in order; the first failure stops, naming the calls that had succeeded. */
    ActionResult act(DataSystem system, String category, Operation operation, List<DsrProperties.Step> steps, Identity identity,
                     List<Map<String, Object>> rows, Map<String, String> values) {
        List<ActionResult.Call> calls = new ArrayList<>();
        String name = operation.name().toLowerCase(Locale.ROOT);
        for (Map<String, Object> row : rows) {
            for (int index = 0; index < steps.size(); index++) {
                DsrProperties.Step step = steps.get(index);
                HttpResponse<byte[]> response = send(system, step, Bindings.all(system, step, identity, row, values,
                        name + "[" + index + "]"), calls);
                calls.add(new ActionResult.Call(method(step), step.path(), response.statusCode()));
            }
        }
        return new ActionResult(system.id(), category, operation, 0, calls);
    }

    private HttpResponse<byte[]> send(DataSystem system, DsrProperties.Step step, Map<String, Object> values,
                                      List<ActionResult.Call> completed) {
        DsrProperties.HttpConnection http = system.settings().http();
        URI uri = uri(environment.required(system, http.baseUrlEnv()), step, values);
        Object body = body(step, values);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(system.timeout())
                .header("Accept", "application/json")
                .method(method(step), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (http.authHeaderEnv() != null) {
            request.header("Authorization", environment.required(system, http.authHeaderEnv()));
        }
        HttpResponse<byte[]> response;
        try {
            // The answer is read only up to a bound: an API that ignores the filter and answers with everyone must not
            // fill the application's memory (the row and byte caps apply only after parsing).
            long bound = answerBound(system);
            HttpResponse<java.io.InputStream> streamed = client(system).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (java.io.InputStream in = streamed.body()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bound + 1));
            }
            if (bytes.length > bound) {
                throw new ConnectorException(system.id(), "the answer from " + named(step) + " is larger than " + bound
                        + " bytes (4 times the system's max-bytes): narrow the call", completed);
            }
            response = new Bounded(streamed, bytes);
        } catch (IOException e) {
            throw new ConnectorException(system.id(), Failures.of(e, system.timeout(), null) + " (" + named(step) + ")", completed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(system.id(), "interrupted (" + named(step) + ")", completed);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectorException(system.id(), "HTTP " + response.statusCode() + " from " + named(step), completed);
        }
        return response;
    }

    /** How much of an answer is read: four times the system's byte cap (JSON around the records), at least 1 MB. */
    static long answerBound(DataSystem system) {
        return Math.max(4 * system.maxBytes(), 1024 * 1024);
    }

    /** A response whose body was read up to the bound. */
    private record Bounded(HttpResponse<java.io.InputStream> response, byte[] body) implements HttpResponse<byte[]> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }

    private HttpClient client(DataSystem system) {
        // Redirects are not followed: the Authorization header goes to the configured address only.
        return clients.computeIfAbsent(system.id() + " " + system.timeout(), key -> HttpClient.newBuilder().connectTimeout(system.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** The base URL and the step's path, the template encoded first and each value then strictly encoded. */
    static URI uri(String baseUrl, DsrProperties.Step step, Map<String, Object> values) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        Matcher placeholders = Parameters.PLACEHOLDER.matcher(step.path());
        while (placeholders.find()) {
            Object value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalArgumentException(named(step) + ": no value for {" + placeholders.group(1) + "}");
            }
            expanded.put(placeholders.group(1), String.valueOf(value));
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return UriComponentsBuilder.fromUriString(base + step.path()).encode().buildAndExpand(expanded).toUri();
    }

    /**
     * The body with its placeholders filled: a text that is one placeholder takes the value as it is (a number
     * stays a number), and a corrected value the department did not give leaves its entry out; placeholders
     * inside longer texts become text. Jackson writes the result.
     */
    static Object body(DsrProperties.Step step, Map<String, Object> values) {
        return step.body() == null ? null : fill(step.body(), values);
    }

    private static Object fill(Object template, Map<String, Object> values) {
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object result = fill(value, values);
                if (result != null || value == null) {
                    filled.put(String.valueOf(key), result);
                }
            });
            return filled;
        }
        if (template instanceof List<?> list) {
            return list.stream().map(value -> fill(value, values)).toList();
        }
        if (template instanceof String text) {
            Matcher whole = Parameters.PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                return values.get(whole.group(1));
            }
            Matcher inside = Parameters.PLACEHOLDER.matcher(text);
            StringBuilder result = new StringBuilder();
            while (inside.find()) {
                Object value = values.get(inside.group(1));
                inside.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
            }
            inside.appendTail(result);
            return result.toString();
        }
        return template;
    }

    private static Map<String, Object> record(JsonNode node) {
        if (node.isObject()) {
            return RowCollector.JSON.convertValue(node, RECORD);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("value", RowCollector.JSON.convertValue(node, Object.class));
        return record;
    }

    private static String json(Object body) {
        try {
            return RowCollector.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String method(DsrProperties.Step step) {
        return step.method().toUpperCase(Locale.ROOT);
    }

    /** A call named for incidents and logs: its method and the register's path without the query. */
    static String named(DsrProperties.Step step) {
        String path = step.path();
        int query = path.indexOf('?');
        return method(step) + " " + (query < 0 ? path : path.substring(0, query));
    }
}
