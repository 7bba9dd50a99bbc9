package org.dsrflow.intake;

import org.dsrflow.testsupport.ReferenceLanguages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;

/** Bad input on POST /api/requests: 400 problem+json naming each bad field, and nothing stored or started. */
@SmtpIntegrationTest
class RequestIntakeValidationTest {

    static final String VALID = """
            {"type": "ACCESS", "name": "Ann Example", "email": "ann@example.com", "site": "SE", "language": "sv"}""";

    @LocalServerPort
    int port;
    @Autowired
    RequestRepository requests;
    @Autowired
    HistoryService history;

    Http http;
    long requestsBefore;
    long instancesBefore;

    @BeforeEach
    void count() {
        http = new Http(port);
        requestsBefore = requests.count();
        instancesBefore = history.createHistoricProcessInstanceQuery().count();
    }

    static List<Arguments> badInput() {
        return List.of(
                Arguments.of("{}", List.of("type", "name", "email", "site", "language")),
                Arguments.of(VALID.replace("ann@example.com", "not-an-email"), List.of("email")),
                Arguments.of(VALID.replace("ann@example.com", "ann@example.com\\r\\nBcc: x@evil.test"), List.of("email")),
                Arguments.of(VALID.replace("Ann Example", "Ann\\r\\nBcc: x@evil.test"), List.of("name")),
                Arguments.of(VALID.replace("\"ACCESS\"", "\"DELETE_EVERYTHING\""), List.of("type")),
                Arguments.of(VALID.replace("\"SE\"", "\"US\""), List.of("site")),
                Arguments.of(VALID.replace("\"sv\"", "\"de\""), List.of("language")),
                Arguments.of(VALID.replace("Ann Example", "A".repeat(201)), List.of("name")),
                Arguments.of(VALID.replace("}", ", \"details\": \"" + "x".repeat(4001) + "\"}"), List.of("details")),
                Arguments.of(VALID.replace("}", ", \"categories\": [\"contact\", \"shoe size\"]}"), List.of("categories[1]")),
                Arguments.of(VALID.replace("}", ", \"categories\": \"contact\"}"), List.of("categories")),
                Arguments.of(VALID.replace("\"ACCESS\"", "\"RESTRICTION\"").replace("}", ", \"ground\": \"BECAUSE\"}"), List.of("ground")),
                Arguments.of(VALID.replace("}", ", \"ground\": \"LEGAL_CLAIMS\"}"), List.of("ground")),
                Arguments.of(VALID.replace("\"ACCESS\"", "\"RECTIFICATION\""), List.of("details")),
                Arguments.of(VALID.replace("\"ACCESS\"", "42").replace("\"SE\"", "\"\""), List.of("site")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badInputIsRejectedWith400NamingTheFieldsAndNothingIsStored(String body, List<String> badFields) {
        Http.Response response = http.postJson("/api/requests", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        for (JsonNode error : response.json().get("errors")) {
            fields.add(error.get("field").asText());
            assertThat(error.get("message").asText()).isNotBlank();
        }
        assertThat(fields).containsAll(badFields);
        assertNothingStored();
    }

    @Test
    void malformedJsonIsRejectedWith400() {
        Http.Response response = http.postJson("/api/requests", "{\"type\": \"ACCESS\", ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("not valid JSON");
        assertNothingStored();
    }

    @Test
    void validInputIsAcceptedAndStoredOnce() {
        Http.Response response = http.postJson("/api/requests", VALID);
        assertThat(response.status()).isEqualTo(201);
        assertThat(requests.count()).isEqualTo(requestsBefore + 1);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore + 1);
        DsrRequest stored = requests.findByReference(response.json().get("reference").asText()).orElseThrow();
        assertThat(stored.categories()).containsExactly("contact", "identification", "transaction", "communication",
                "digital", "health");
        assertThat(stored.language()).isEqualTo(ReferenceLanguages.SV);
    }

    @Test
    void aRestrictionIsAcceptedWithItsGround() {
        Http.Response response = http.postJson("/api/requests",
                VALID.replace("\"ACCESS\"", "\"RESTRICTION\"").replace("}", ", \"ground\": \"LEGAL_CLAIMS\"}"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        DsrRequest stored = requests.findByReference(response.json().get("reference").asText()).orElseThrow();
        assertThat(stored.type()).isEqualTo(org.dsrflow.request.RequestType.RESTRICTION);
        assertThat(stored.restrictionGround()).isEqualTo(org.dsrflow.request.RestrictionGround.LEGAL_CLAIMS);
    }

    private void assertNothingStored() {
        assertThat(requests.count()).isEqualTo(requestsBefore);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }
}
