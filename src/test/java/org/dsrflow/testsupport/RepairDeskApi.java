package org.dsrflow.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Fietsen Noord's repair desk: a real HTTP server (WireMock) playing the workshop's helpdesk API on a fixed port,
 * started once per JVM. It answers only callers with its Authorization header: a search by customer address
 * ({@code GET /api/tickets?customer=...} → {@code {"tickets": [...]}}), and a ticket's erasure ({@code DELETE}),
 * correction ({@code PATCH}) and hold ({@code POST .../hold}). {@link #down()} makes every call answer 503,
 * {@link #slow(Duration)} delays every answer; {@link #reset()} brings back the working desk and forgets the calls.
 */
public final class RepairDeskApi {

    public static final int PORT = 28089;
    public static final String URL = "http://localhost:" + PORT;
    public static final String AUTHORIZATION = "Bearer fietsen-repair-desk-test-token";
    /** The environment variables the fietsen register names, with this API's values. */
    public static final Map<String, String> ENVIRONMENT = Map.of("FIETSEN_REPAIRS_URL", URL, "FIETSEN_REPAIRS_AUTH", AUTHORIZATION);
    /** Jan de Vries's tickets (his address in the CRM), and Anna Bakker's, which no search for him may return. */
    public static final String JAN = "jan.devries@example.nl";
    public static final String ANNA = "anna.bakker@example.nl";

    private static WireMockServer server;
    private static StubMapping outage;

    private RepairDeskApi() {
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        server = new WireMockServer(options().port(PORT));
        server.start();
        WireMockServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "repair-desk-stop"));
        reset();
    }

    /** The working desk with Jan's and Anna's tickets; the calls so far forgotten. */
    public static synchronized void reset() {
        start();
        server.resetAll();
        outage = null;
        // Lowest priority: whoever has not the token is refused; an address without tickets has none.
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)));
        server.stubFor(authorized(get(urlPathEqualTo("/api/tickets"))).atPriority(9).willReturn(okJson("{\"tickets\": []}")));
        tickets(JAN, """
                [{"id": 17, "frame": "NL-4711", "customerName": "Jan de Vries", "opened": "2025-02-01", "work": "new chain", "warranty": true},
                 {"id": 23, "frame": "NL-4711", "customerName": "Jan de Vries", "opened": "2025-06-12", "work": "brake pads", "warranty": false}]""");
        tickets(ANNA, """
                [{"id": 31, "frame": "UT-0815", "customerName": "Anna Bakker", "opened": "2024-09-03", "work": "cargo box hinge", "warranty": true}]""");
        server.stubFor(authorized(delete(urlPathMatching("/api/tickets/[0-9]+"))).willReturn(aResponse().withStatus(204)));
        server.stubFor(authorized(patch(urlPathMatching("/api/tickets/[0-9]+"))).willReturn(okJson("{\"updated\": true}")));
        server.stubFor(authorized(post(urlPathMatching("/api/tickets/[0-9]+/hold"))).willReturn(okJson("{\"onHold\": true}")));
    }

    /** The tickets (a JSON array) the desk gives for a customer address. */
    public static void tickets(String email, String ticketsJson) {
        start();
        server.stubFor(authorized(get(urlPathEqualTo("/api/tickets"))).withQueryParam("customer", equalTo(email))
                .atPriority(5).willReturn(okJson("{\"tickets\": " + ticketsJson + "}")));
    }

    /** Every call answers 503 Service Unavailable until {@link #up()} or {@link #reset()}. */
    public static synchronized void down() {
        start();
        outage = server.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    public static synchronized void up() {
        if (outage != null) {
            server.removeStub(outage);
            outage = null;
        }
    }

    /** One call (method and exact path) answers with this status, the others as before, until {@link #reset()}. */
    public static synchronized void fails(String method, String path, int status) {
        start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.request(method, urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(status)));
    }

    /** Every call is answered (with an empty list) only after {@code delay}, until {@link #reset()}. */
    public static synchronized void slow(Duration delay) {
        start();
        server.stubFor(any(anyUrl()).atPriority(1).willReturn(okJson("{\"tickets\": []}").withFixedDelay((int) delay.toMillis())));
    }

    /** The calls the desk received, oldest first. */
    public static List<LoggedRequest> calls() {
        start();
        List<LoggedRequest> calls = new java.util.ArrayList<>(server.getAllServeEvents().stream().map(event -> event.getRequest()).toList());
        java.util.Collections.reverse(calls); // WireMock lists the newest first
        return calls;
    }

    /** "METHOD /path?query" of each call received, oldest first. */
    public static List<String> callLines() {
        return calls().stream().map(request -> request.getMethod().getName() + " " + request.getUrl()).toList();
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder authorized(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
        return stub.withHeader("Authorization", equalTo(AUTHORIZATION));
    }
}
