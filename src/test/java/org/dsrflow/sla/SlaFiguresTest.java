package org.dsrflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestType;
import org.dsrflow.testsupport.Browser;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SLA figures on seeded history with exact expected numbers (worked out by hand below), through
 * the staff API and as Prometheus gauges, also per request type; the migration that keeps the answer
 * statistics per type; who may read them.
 */
@SmtpIntegrationTest
@AutoConfigureObservability(tracing = false) // Spring Boot tests switch metrics export off unless asked
class SlaFiguresTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    ManagementService management;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    org.dsrflow.request.RequestRepository requests;

    Http http;

    @BeforeEach
    void seed() {
        http = new Http(port);
        TestUsers.ensure(identity);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-15T10:00:00Z")));
        if (jdbc.sql("select count(*) from dsr_request").query(Long.class).single() > 0) {
            return; // seeded once for the class (one Spring context, one database)
        }
        // today = 2026-06-15
        open("ACCESS", "IN_PROGRESS", "2026-06-18");          // due within 7 days
        open("RECTIFICATION", "IN_REVIEW", "2026-06-30");
        open("ACCESS", "IN_PROGRESS", "2026-06-10");          // overdue
        open("ACCESS", "AWAITING_CONFIRMATION", "2026-07-15");
        answered("ACCESS", "ANSWERED", "2026-06-01", 20, true);   // last 30 days
        answered("ACCESS", "ANSWERED", "2026-05-01", 40, false);  // last 90 days
        answered("ERASURE", "REFUSED", "2026-06-10", 10, true);   // last 30 days
        answered("ACCESS", "ANSWERED", "2025-12-01", 30, true);   // last 365 days
        answered("ACCESS", "CLOSED_UNCONFIRMED", null, null, null);
        // and one request through the process: IN_PROGRESS, tasks for sales, marketing, support, finance
        Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void figuresAreExactOnSeededHistory() {
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();

        assertThat(sla.get("open").asLong()).isEqualTo(5);
        assertThat(sla.get("openByStage").toString())
                .isEqualTo("{\"AWAITING_CONFIRMATION\":1,\"IN_PROGRESS\":3,\"IN_REVIEW\":1}");
        assertThat(sla.get("dueWithinSevenDays").asLong()).isEqualTo(1);
        assertThat(sla.get("overdue").asLong()).isEqualTo(1);
        // answered in the last 30 / 90 / 365 days and on time
        assertThat(sla.get("closedOnTime").get(0).toString()).isEqualTo("{\"days\":30,\"answered\":2,\"onTime\":2,\"onTimePercent\":100.0}");
        assertThat(sla.get("closedOnTime").get(1).toString()).isEqualTo("{\"days\":90,\"answered\":3,\"onTime\":2,\"onTimePercent\":66.7}");
        assertThat(sla.get("closedOnTime").get(2).toString()).isEqualTo("{\"days\":365,\"answered\":4,\"onTime\":3,\"onTimePercent\":75.0}");
        // days 10, 20, 30, 40: median 25, 90th percentile 30 + 0.7 * 10 = 37
        assertThat(sla.get("medianDaysToAnswer").asDouble()).isEqualTo(25.0);
        assertThat(sla.get("p90DaysToAnswer").asDouble()).isEqualTo(37.0);
        JsonNode sales = department(sla, "sales");
        assertThat(sales.get("openTasks").asLong()).isEqualTo(1);
        assertThat(sales.get("oldestTaskAgeDays").asLong()).isZero();
        assertThat(sales.get("overdueTasks").asLong()).isZero();
        assertThat(department(sla, "events").get("openTasks").asLong()).isZero();
        JsonNode closest = sla.get("closestToDeadline").get(0);
        assertThat(closest.get("answerDueDate").asText()).isEqualTo("2026-06-10");
        assertThat(closest.get("daysLeft").asLong()).isEqualTo(-5);
    }

    @Test
    void everyRequestTypeHasARowWithItsOwnOpenOverdueAndOnTimeFigures() {
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();

        List<String> types = new java.util.ArrayList<>();
        sla.get("byType").forEach(row -> types.add(row.get("type").asText()));
        assertThat(types).containsExactly(Arrays.stream(RequestType.values()).map(Enum::name).toArray(String[]::new));
        // ACCESS: three seeded open and the one through the process; answered after 20 (on time), 40 (late), 30 days
        JsonNode access = type(sla, "ACCESS");
        assertThat(access.get("open").asLong()).isEqualTo(4);
        assertThat(access.get("dueWithinSevenDays").asLong()).isEqualTo(1);
        assertThat(access.get("overdue").asLong()).isEqualTo(1);
        assertThat(access.get("closedOnTime").toString()).isEqualTo("[{\"days\":30,\"answered\":1,\"onTime\":1,\"onTimePercent\":100.0},"
                + "{\"days\":90,\"answered\":2,\"onTime\":1,\"onTimePercent\":50.0},"
                + "{\"days\":365,\"answered\":3,\"onTime\":2,\"onTimePercent\":66.7}]");
        assertThat(access.get("medianDaysToAnswer").asDouble()).isEqualTo(30.0);
        // ERASURE: nothing open, one refused on time after 10 days
        JsonNode erasure = type(sla, "ERASURE");
        assertThat(erasure.get("open").asLong()).isZero();
        assertThat(erasure.get("overdue").asLong()).isZero();
        assertThat(erasure.get("closedOnTime").get(0).toString()).isEqualTo("{\"days\":30,\"answered\":1,\"onTime\":1,\"onTimePercent\":100.0}");
        assertThat(erasure.get("closedOnTime").get(2).toString()).isEqualTo("{\"days\":365,\"answered\":1,\"onTime\":1,\"onTimePercent\":100.0}");
        assertThat(erasure.get("medianDaysToAnswer").asDouble()).isEqualTo(10.0);
        // RECTIFICATION: one open, due in 15 days, nothing answered (no percentage, no median)
        JsonNode rectification = type(sla, "RECTIFICATION");
        assertThat(rectification.get("open").asLong()).isEqualTo(1);
        assertThat(rectification.get("dueWithinSevenDays").asLong()).isZero();
        assertThat(rectification.get("overdue").asLong()).isZero();
        assertThat(rectification.get("closedOnTime").get(2).toString()).isEqualTo("{\"days\":365,\"answered\":0,\"onTime\":0}");
        assertThat(rectification.has("medianDaysToAnswer")).isFalse();
        JsonNode portability = type(sla, "PORTABILITY");
        assertThat(portability.get("open").asLong() + portability.get("closedOnTime").get(2).get("answered").asLong()).isZero();
        // the rows add up to the figures of all types
        long open = 0;
        long answered = 0;
        for (JsonNode row : sla.get("byType")) {
            open += row.get("open").asLong();
            answered += row.get("closedOnTime").get(2).get("answered").asLong();
        }
        assertThat(open).isEqualTo(sla.get("open").asLong());
        assertThat(answered).isEqualTo(sla.get("closedOnTime").get(2).get("answered").asLong());
    }

    @Test
    void migrationRebuildsTheAnswerStatisticsPerType() throws Exception {
        DataSource empty = emptyDatabase();
        Flyway.configure().dataSource(empty).locations("classpath:db/migration").target("12").load().migrate();
        JdbcClient db = JdbcClient.create(empty);
        LocalDate answered = LocalDate.parse("2026-06-10");
        for (String type : List.of("ACCESS", "ACCESS", "ERASURE")) {
            db.sql("""
                            insert into dsr_request (type, site, language, channel, requester_name, requester_email, categories,
                                status, received_on, created_at, due_date, answered_on, days_to_answer, on_time)
                            values (:type, 'SE', 'en', 'WEB', 'Seed', 'seed@example.com', 'contact', 'ANSWERED', :received,
                                :created, :due, :answered, 10, true)""")
                    .param("type", type).param("received", answered.minusDays(10))
                    .param("created", OffsetDateTime.of(answered.minusDays(10).atStartOfDay(), ZoneOffset.UTC))
                    .param("due", answered.plusDays(20)).param("answered", answered).update();
        }
        // the statistics as the previous version kept them: one row for the day, days taken and on time
        db.sql("insert into dsr_answer_stats (answered_on, days_to_answer, on_time, requests) values (:answered, 10, true, 3)")
                .param("answered", answered).update();

        Flyway.configure().dataSource(empty).locations("classpath:db/migration").target("13").load().migrate();

        assertThat(db.sql("select type, requests from dsr_answer_stats where answered_on = :answered and days_to_answer = 10"
                        + " and on_time = true order by type")
                .param("answered", answered).query((rs, row) -> rs.getString("type") + "=" + rs.getInt("requests")).list())
                .containsExactly("ACCESS=2", "ERASURE=1");
    }

    /** A database of the kind this test runs on, with nothing in it (the migration test migrates it itself). */
    DataSource emptyDatabase() throws Exception {
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:sla-migration-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void departmentsGetNoSlaFiguresAndPrometheusNeedsAStaffLogin() {
        assertThat(http.get("/api/staff/sla", "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
        assertThat(http.get("/api/staff/sla").status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        Http.Response metrics = http.get("/actuator/prometheus", "Authorization", TestUsers.auth("managers"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("dsr_requests_open 5.0", "dsr_requests_overdue 1.0",
                "dsr_requests_due_soon 1.0", "dsr_requests_on_time_ratio 0.666");
    }

    @Test
    void registerExportListsEveryRequestWithoutPersonalData() {
        Http.Response csv = http.get("/api/staff/register.csv", "Authorization", TestUsers.auth("privacy"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).isEqualTo("reference,type,site,channel,received,confirmed,due,extended_to,answered,outcome,on_time");
        assertThat(lines).hasSize(2); // the seeded rows have no reference; the request through the process has one
        assertThat(lines[1]).matches("DSR-2026-\\d{6},ACCESS,SE,WEB,2026-06-15,,2026-07-15,,,IN_PROGRESS,");
        assertThat(csv.body()).doesNotContain("Test Person", "person@example.com");
        assertThat(http.get("/api/staff/register.csv", "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
    }

    @Test
    void cockpitPluginGivesTheFiguresToManagersOnly() {
        Http manager = cockpitSession("managers", "cockpit");
        Http.Response figures = manager.get("/camunda/api/cockpit/plugin/dsr-sla/default/sla",
                "X-XSRF-TOKEN", manager.cookie("XSRF-TOKEN"), "Accept", "application/json");
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.json().get("open").asLong()).isEqualTo(5);
        assertThat(figures.json().get("byType")).hasSize(RequestType.values().length);
        assertThat(manager.get("/camunda/api/cockpit/plugin/dsr-sla/static/app/plugin.js").body())
                .contains("cockpit.dashboard", "By request type");

        Http department = cockpitSession("sales", "tasklist");
        assertThat(department.get("/camunda/api/cockpit/plugin/dsr-sla/default/sla",
                "X-XSRF-TOKEN", department.cookie("XSRF-TOKEN")).status()).isIn(401, 403);
    }

    @Test
    void managerSeesTheDashboardInCockpit() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null || Browser.available(),
                "Chromium and chromedriver are not installed (.ci/run installs them)");
        try (Browser browser = new Browser()) {
            var driver = browser.driver();
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector("input[ng-model='username']"))).sendKeys(TestUsers.of("managers"));
            driver.findElement(org.openqa.selenium.By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
            driver.findElement(org.openqa.selenium.By.cssSelector("button[type='submit']")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                    org.openqa.selenium.By.id("dsr-open"), "5"));
            assertThat(driver.findElement(org.openqa.selenium.By.id("dsr-sla")).getText())
                    .contains("due within 7 days", "overdue", "Sales", "2026-06-10", "By request type");
            assertThat(driver.findElement(org.openqa.selenium.By.id("dsr-by-type")).getText())
                    .contains("ERASURE 0 0 0 1 of 1 (100 %)", "RECTIFICATION 1 0 0");
            browser.screenshot("cockpit-sla-dashboard");
        }
    }

    private Http cockpitSession(String group, String app) {
        return org.dsrflow.testsupport.WebappSessions.logIn(port, group, app);
    }

    private static JsonNode type(JsonNode sla, String type) {
        for (JsonNode row : sla.get("byType")) {
            if (row.get("type").asText().equals(type)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + type);
    }

    private static JsonNode department(JsonNode sla, String id) {
        for (JsonNode department : sla.get("departments")) {
            if (department.get("department").asText().equals(id)) {
                return department;
            }
        }
        throw new AssertionError("no department " + id);
    }

    private void open(String type, String status, String due) {
        insert(type, status, LocalDate.parse(due).minusMonths(1), LocalDate.parse(due), null, null, null);
    }

    private void answered(String type, String status, String answeredOn, Integer days, Boolean onTime) {
        LocalDate answered = answeredOn == null ? null : LocalDate.parse(answeredOn);
        LocalDate received = answered == null ? LocalDate.parse("2026-06-01") : answered.minusDays(days);
        insert(type, status, received, received.plusMonths(1), answered, days, onTime);
    }

    private void insert(String type, String status, LocalDate received, LocalDate due, LocalDate answeredOn, Integer days,
                        Boolean onTime) {
        jdbc.sql("""
                        insert into dsr_request (type, site, language, channel, requester_name, requester_email, categories,
                            status, received_on, created_at, due_date, answered_on, days_to_answer, on_time)
                        values (:type, 'SE', 'en', 'WEB', 'Seed', 'seed@example.com', 'contact', :status, :received,
                            :created, :due, :answered, :days, :onTime)""")
                .param("type", type).param("status", status).param("received", received)
                .param("created", OffsetDateTime.of(received.atStartOfDay(), ZoneOffset.UTC))
                .param("due", due).param("answered", null).param("days", null).param("onTime", null)
                .update();
        if (answeredOn != null) {
            // As the process records an answer: in the request and in the SLA statistics.
            long id = jdbc.sql("select max(id) from dsr_request").query(Long.class).single();
            requests.recordAnswer(id, answeredOn, days, onTime);
        }
    }
}
