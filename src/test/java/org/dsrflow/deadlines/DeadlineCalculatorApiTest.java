package org.dsrflow.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/staff/deadlines: the worked examples through HTTP, who may ask, and bad parameters. */
@SmtpIntegrationTest
class DeadlineCalculatorApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
    }

    @Test
    void privacyTeamGetsTheDatesOfAWorkedExample() {
        JsonNode dates = get("privacy", "site=SE&receivedOn=2026-03-05").json();
        assertThat(dates.get("dueDate").asText()).isEqualTo("2026-04-07");
        assertThat(dates.get("extendedDueDate").asText()).isEqualTo("2026-06-05");
        assertThat(dates.get("extensionNoticeBy").asText()).isEqualTo("2026-04-07");
    }

    @Test
    void clockStopsSuspendInTheEuAndRestartInGreatBritain() {
        JsonNode sweden = get("managers", "site=SE&receivedOn=2026-01-30&stop=2026-01-30/2026-02-02").json();
        assertThat(sweden.get("dueDate").asText()).isEqualTo("2026-03-03");
        assertThat(sweden.get("clockStops").get(0).get("days").asInt()).isEqualTo(3);
        JsonNode britain = get("managers", "site=GB&receivedOn=2026-01-30&stop=2026-01-30/2026-02-02").json();
        assertThat(britain.get("dueDate").asText()).isEqualTo("2026-03-02");
        JsonNode twoStops = get("privacy", "site=SE&receivedOn=2026-12-06&stop=2026-12-07/2026-12-10&stop=2026-12-20/2026-12-21").json();
        assertThat(twoStops.get("clockStops")).hasSize(2);
        assertThat(twoStops.get("dueDate").asText()).isEqualTo("2027-01-11"); // 6 Jan + 4 days = 10 Jan (Sunday)
    }

    @Test
    void badParametersAreNamed() {
        assertBad("site=XX&receivedOn=2026-03-05", "site");
        assertBad("site=SE&receivedOn=05.03.2026", "receivedOn");
        assertBad("site=SE", "receivedOn");
        assertBad("site=SE&receivedOn=2026-03-05&stop=2026-03-06", "stop[0]");
        assertBad("site=SE&receivedOn=2026-03-05&stop=2026-03-06/2026-03-07&stop=2026-03-09/2026-03-08", "stop[1]");
        assertBad("site=SE&receivedOn=2026-03-05&stop=2026-03-01/2026-03-07", "stop[0]");
    }

    @Test
    void onlyPrivacyTeamAndManagersMayAsk() {
        assertThat(get("sales", "site=SE&receivedOn=2026-03-05").status()).isEqualTo(403);
        assertThat(http.get("/api/staff/deadlines?site=SE&receivedOn=2026-03-05").status()).isEqualTo(401);
    }

    private void assertBad(String query, String parameter) {
        Http.Response response = get("privacy", query);
        assertThat(response.status()).as(query).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(query).contains(parameter);
    }

    private Http.Response get(String group, String query) {
        return http.get("/api/staff/deadlines?" + query, "Authorization", TestUsers.auth(group));
    }
}
