package org.dsrflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dsrflow.testsupport.RepairDeskApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP connector against Fietsen Noord's repair desk (a real HTTP server, {@link RepairDeskApi}), as the
 * register configures it: the Authorization header from the environment, the person's records at the JSON
 * Pointer, actions per confirmed record, and failures that name the system and the call, nothing of the person.
 */
class HttpConnectorTest {

    private Connectors connectors;
    private DataSystem desk;

    @BeforeEach
    void fresh() {
        RepairDeskApi.reset();
        connectors = Connectors.standalone(Fietsen.register(), Fietsen.environment());
        desk = connectors.system("repair-desk").orElseThrow();
    }

    @AfterEach
    void close() {
        connectors.destroy();
    }

    @Test
    void aSearchSendsTheAuthorizationHeaderAndReturnsThePersonsRecordsOnly() {
        assertThat(desk.kind()).isEqualTo(DataSystem.Kind.HTTP);
        assertThat(desk.operations("repairs")).containsExactly(Operation.ERASE, Operation.RECTIFY, Operation.RESTRICT);
        assertThat(desk.valueFields("repairs")).containsExactly("name");

        SearchResult result = connectors.search(desk, "repairs", Fietsen.JAN);

        assertThat(result.truncated()).isFalse();
        assertThat(result.rows()).extracting(row -> row.get("id")).containsExactly(17, 23);
        assertThat(result.rows().get(0)).containsEntry("frame", "NL-4711").containsEntry("opened", "2025-02-01")
                .containsEntry("warranty", true);
        LoggedRequest call = RepairDeskApi.calls().get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo(RepairDeskApi.AUTHORIZATION);
        assertThat(call.queryParameter("customer").firstValue()).isEqualTo("jan.devries@example.nl");
    }

    @Test
    void anAddressIsEncodedIntoTheQueryNotPastedIntoIt() {
        RepairDeskApi.tickets("a+b&customer=anna.bakker@example.nl", "[{\"id\": 99}]");

        SearchResult result = connectors.search(desk, "repairs", new Identity("a+b&customer=anna.bakker@example.nl", "A B"));

        assertThat(result.rows()).extracting(row -> row.get("id")).containsExactly(99); // not Anna's ticket 31
        assertThat(RepairDeskApi.callLines()).containsExactly("GET /api/tickets?customer=a%2Bb%26customer%3Danna.bakker%40example.nl");
    }

    @Test
    void theRowCapTruncatesAnHttpSearch() {
        SearchResult result = connectors.search(Fietsen.withLimits(desk, 1, null), "repairs", Fietsen.JAN);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).extracting(row -> row.get("id")).containsExactly(17);
    }

    @Test
    void anAnswerFarLargerThanTheCapsIsRefusedBeforeItIsParsed() {
        // An API that ignores the filter and answers with everyone: 5 MB for a system whose rows may take 1 MB.
        StringBuilder everyone = new StringBuilder("[");
        for (int i = 0; i < 50_000; i++) {
            everyone.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append(", \"note\": \"").append("x".repeat(80)).append("\"}");
        }
        RepairDeskApi.tickets(Fietsen.JAN.email(), everyone.append("]").toString());

        assertThatThrownBy(() -> connectors.search(desk, "repairs", Fietsen.JAN)).isInstanceOf(ConnectorException.class)
                .hasMessage("system repair-desk: the answer from GET /api/tickets is larger than 4194304 bytes (4 times the system's max-bytes): narrow the call");
    }

    @Test
    void anErasureDeletesOnlyTheConfirmedRecordsInOrderAndRecordsEachStatus() {
        List<Map<String, Object>> found = connectors.search(desk, "repairs", Fietsen.JAN).rows();

        ActionResult result = connectors.act(desk, "repairs", Operation.ERASE, Fietsen.JAN, List.of(found.get(1)), Map.of());

        assertThat(result.calls()).containsExactly(new ActionResult.Call("DELETE", "/api/tickets/{row.id}", 204));
        assertThat(RepairDeskApi.callLines()).containsExactly("GET /api/tickets?customer=jan.devries%40example.nl", "DELETE /api/tickets/23");
        assertThat(RepairDeskApi.calls().get(1).getHeader("Authorization")).isEqualTo(RepairDeskApi.AUTHORIZATION);
    }

    @Test
    void aRectificationSendsTheCorrectedValueInAJsonBody() {
        List<Map<String, Object>> found = connectors.search(desk, "repairs", Fietsen.JAN).rows();

        ActionResult result = connectors.act(desk, "repairs", Operation.RECTIFY, Fietsen.JAN, List.of(found.get(0)),
                Map.of("name", "Jan \"Fietser\" de Vries"));

        assertThat(result.calls()).containsExactly(new ActionResult.Call("PATCH", "/api/tickets/{row.id}", 200));
        LoggedRequest patch = RepairDeskApi.calls().get(1);
        assertThat(patch.getUrl()).isEqualTo("/api/tickets/17");
        assertThat(patch.getHeader("Content-Type")).startsWith("application/json");
        assertThat(patch.getBodyAsString())
                .isEqualTo("{\"customerName\":\"Jan \\\"Fietser\\\" de Vries\",\"note\":\"corrected at the customer's request\"}");
    }

    @Test
    void aRestrictionCallsTheHoldOfEachConfirmedRecord() {
        List<Map<String, Object>> found = connectors.search(desk, "repairs", Fietsen.JAN).rows();

        ActionResult result = connectors.act(desk, "repairs", Operation.RESTRICT, Fietsen.JAN, found, Map.of());

        assertThat(result.calls()).extracting(ActionResult.Call::status).containsExactly(200, 200);
        assertThat(RepairDeskApi.callLines()).endsWith("POST /api/tickets/17/hold", "POST /api/tickets/23/hold");
    }

    @Test
    void thePreviewShowsEachCallWithItsValuesAndNeverTheAuthorizationHeader() {
        List<Map<String, Object>> found = connectors.search(desk, "repairs", Fietsen.JAN).rows();

        List<String> preview = connectors.preview(desk, "repairs", Operation.RECTIFY, found, Map.of("name", "Jan de Vries"));

        assertThat(preview).containsExactly(
                "PATCH /api/tickets/17 {\"customerName\":\"Jan de Vries\",\"note\":\"corrected at the customer's request\"}",
                "PATCH /api/tickets/23 {\"customerName\":\"Jan de Vries\",\"note\":\"corrected at the customer's request\"}");
        assertThat(String.join("\n", preview)).doesNotContain(RepairDeskApi.AUTHORIZATION, "fietsen-repair-desk-test-token");
        assertThat(RepairDeskApi.calls()).hasSize(1); // the search; a preview calls nothing
    }

    @Test
    void aDeskAnswering503GivesAConnectorExceptionNamingTheSystemAndTheCallNotThePerson() {
        RepairDeskApi.down();

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connectors.search(desk, "repairs", Fietsen.JAN));

        assertThat(failure.systemId()).isEqualTo("repair-desk");
        assertThat(failure.reason()).isEqualTo("HTTP 503 from GET /api/tickets");
        assertThat(failure.getMessage()).isEqualTo("system repair-desk: HTTP 503 from GET /api/tickets").doesNotContain("jan", "example.nl");
    }

    @Test
    void aFailingCallStopsTheActionAndSaysWhichCallsHadSucceeded() {
        DataSystem twoCalls = Fietsen.withCategory(desk, "repairs", new org.dsrflow.config.DsrProperties.SystemCategory(
                desk.settings().categories().get("repairs").search(),
                List.of(call("POST", "/api/tickets/{row.id}/hold"), call("DELETE", "/api/tickets/{row.id}")), List.of(), List.of()));
        List<Map<String, Object>> found = connectors.search(twoCalls, "repairs", Fietsen.JAN).rows();
        RepairDeskApi.fails("POST", "/api/tickets/23/hold", 500);

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connectors.act(twoCalls, "repairs", Operation.ERASE, Fietsen.JAN, found, Map.of()));

        assertThat(failure.reason()).isEqualTo("HTTP 500 from POST /api/tickets/{row.id}/hold");
        assertThat(failure.completed()).containsExactly(new ActionResult.Call("POST", "/api/tickets/{row.id}/hold", 200),
                new ActionResult.Call("DELETE", "/api/tickets/{row.id}", 204));
        assertThat(RepairDeskApi.callLines()).containsExactly("GET /api/tickets?customer=jan.devries%40example.nl",
                "POST /api/tickets/17/hold", "DELETE /api/tickets/17", "POST /api/tickets/23/hold"); // never DELETE 23
    }

    private static org.dsrflow.config.DsrProperties.Step call(String method, String path) {
        return new org.dsrflow.config.DsrProperties.Step(null, method, path, null, null);
    }

    @Test
    void aDeskThatDoesNotAnswerInTimeGivesATimeoutNamingTheSystem() {
        RepairDeskApi.slow(Duration.ofSeconds(3));

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connectors.search(Fietsen.withTimeout(desk, Duration.ofMillis(500)), "repairs", Fietsen.JAN));

        assertThat(failure.systemId()).isEqualTo("repair-desk");
        assertThat(failure.reason()).isEqualTo("timed out after 500 ms (GET /api/tickets)");
    }

    @Test
    void aWrongAuthorizationHeaderIsRefusedByTheDeskAndReportedAsItsStatus() {
        org.springframework.mock.env.MockEnvironment environment = Fietsen.environment();
        environment.setProperty("FIETSEN_REPAIRS_AUTH", "Bearer wrong");
        Connectors wrong = Connectors.standalone(Fietsen.register(), environment);

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> wrong.search(wrong.system("repair-desk").orElseThrow(), "repairs", Fietsen.JAN));

        assertThat(failure.reason()).isEqualTo("HTTP 401 from GET /api/tickets").doesNotContain("wrong");
    }
}
