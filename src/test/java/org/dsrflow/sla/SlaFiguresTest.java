package org.dsrflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.dsrflow.testsupport.WithGreenMail;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SLA figures on seeded history with exact expected numbers (worked out by hand below), through
 * the staff API and as Prometheus gauges, also per request type; the migration that keeps the answer
 * statistics per type; who may read them.
 */
@SmtpIntegrationTest
class SlaFiguresTest extends WithGreenMail {

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
        open("RESTRICTION", "CHECKING_IDENTITY", "2026-08-14", "NO"); // due after the next five weeks
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

        assertThat(sla.get("open").asLong()).isEqualTo(6);
        assertThat(sla.get("openByStage").toString())
                .isEqualTo("{\"AWAITING_CONFIRMATION\":1,\"CHECKING_IDENTITY\":1,\"IN_PROGRESS\":3,\"IN_REVIEW\":1}");
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
    void answersOnTimeAndLateAreCountedPerIsoWeekForTheLastTwelveWeeks() {
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();

        // today is Monday 2026-06-15, ISO week 25: the weeks 14 (from Monday 30 March) to 25. Answered on
        // 1 May (week 18, late), Monday 1 June (week 23, on time) and 10 June (week 24, on time); 1 December 2025 is older.
        List<String> weeks = new java.util.ArrayList<>();
        sla.get("byWeek").forEach(week -> weeks.add(week.get("week").asText() + " " + week.get("label").asText() + " "
                + week.get("from").asText() + ".." + week.get("to").asText() + ": " + week.get("onTime").asLong() + " on time, "
                + week.get("late").asLong() + " late"));
        assertThat(weeks).containsExactly(
                "2026-W14 W14 2026-03-30..2026-04-05: 0 on time, 0 late",
                "2026-W15 W15 2026-04-06..2026-04-12: 0 on time, 0 late",
                "2026-W16 W16 2026-04-13..2026-04-19: 0 on time, 0 late",
                "2026-W17 W17 2026-04-20..2026-04-26: 0 on time, 0 late",
                "2026-W18 W18 2026-04-27..2026-05-03: 0 on time, 1 late",
                "2026-W19 W19 2026-05-04..2026-05-10: 0 on time, 0 late",
                "2026-W20 W20 2026-05-11..2026-05-17: 0 on time, 0 late",
                "2026-W21 W21 2026-05-18..2026-05-24: 0 on time, 0 late",
                "2026-W22 W22 2026-05-25..2026-05-31: 0 on time, 0 late",
                "2026-W23 W23 2026-06-01..2026-06-07: 1 on time, 0 late",
                "2026-W24 W24 2026-06-08..2026-06-14: 1 on time, 0 late",
                "2026-W25 W25 2026-06-15..2026-06-21: 0 on time, 0 late");
    }

    @Test
    void openRequestsAreCountedByTheWeekTheyAreDue() {
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();

        // due 10 June (overdue), 18 June (this week), 30 June (week 27), 15 July twice (week 29, one through the
        // process), 14 August (later than the next five weeks)
        List<String> buckets = new java.util.ArrayList<>();
        sla.get("openByDueWeek").forEach(bucket -> buckets.add(bucket.get("key").asText() + " " + bucket.get("label").asText()
                + " " + bucket.path("from").asText("-") + ".." + bucket.path("to").asText("-") + ": " + bucket.get("open").asLong()));
        assertThat(buckets).containsExactly(
                "overdue Overdue -..-: 1",
                "2026-W25 This week 2026-06-15..2026-06-21: 1",
                "2026-W26 Next week 2026-06-22..2026-06-28: 0",
                "2026-W27 W27 2026-06-29..2026-07-05: 1",
                "2026-W28 W28 2026-07-06..2026-07-12: 0",
                "2026-W29 W29 2026-07-13..2026-07-19: 2",
                "2026-W30 W30 2026-07-20..2026-07-26: 0",
                "later Later 2026-07-27..-: 1");
        long open = 0;
        for (JsonNode bucket : sla.get("openByDueWeek")) {
            open += bucket.get("open").asLong();
        }
        assertThat(open).isEqualTo(sla.get("open").asLong());
    }

    @Test
    void figuresNameRequestTypesStagesSitesAndDepartmentsInWords() {
        JsonNode sla = http.get("/api/staff/sla", "Authorization", TestUsers.auth("managers")).json();

        List<String> types = new java.util.ArrayList<>();
        sla.get("byType").forEach(row -> types.add(row.get("type").asText() + "=" + row.path("label").asText()));
        assertThat(types).containsExactly("ACCESS=Access (Art. 15)", "RECTIFICATION=Rectification (Art. 16)",
                "ERASURE=Erasure (Art. 17)", "RESTRICTION=Restriction (Art. 18)", "PORTABILITY=Portability (Art. 20)",
                "OBJECTION=Objection (Art. 21(1))", "MARKETING_OBJECTION=Marketing objection (Art. 21(2))");
        // every open stage, in the order a request goes through them, also those with no request
        List<String> stages = new java.util.ArrayList<>();
        sla.path("stages").forEach(row -> stages.add(row.get("stage").asText() + "=" + row.get("label").asText() + ": " + row.get("open").asLong()));
        assertThat(stages).containsExactly("AWAITING_CONFIRMATION=Waiting for email confirmation: 1",
                "CHECKING_IDENTITY=Identity check: 1", "IN_PROGRESS=With the departments: 3", "IN_REVIEW=Privacy review: 1",
                "WAITING_FOR_REQUESTER=Waiting for the requester's reply: 0", "WAITING_FOR_FEE=Waiting for the fee: 0");
        JsonNode last = sla.get("closestToDeadline").get(sla.get("closestToDeadline").size() - 1);
        assertThat(last.get("answerDueDate").asText()).isEqualTo("2026-08-14");
        assertThat(last.path("typeLabel").asText() + " / " + last.path("siteName").asText() + " / " + last.path("stageLabel").asText())
                .isEqualTo("Restriction (Art. 18) / Norway / Identity check");
        assertThat(sla.get("closestToDeadline").get(0).path("siteName").asText()).isEqualTo("Sweden");
        assertThat(department(sla, "webdigital").get("name").asText()).isEqualTo("Web & Digital");
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
        assertThat(metrics.body()).contains("dsr_requests_open 6.0", "dsr_requests_overdue 1.0",
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
        assertThat(figures.json().get("open").asLong()).isEqualTo(6);
        assertThat(figures.json().get("byType")).hasSize(RequestType.values().length);
        assertThat(manager.get("/camunda/api/cockpit/plugin/dsr-sla/static/app/plugin.js").body())
                .contains("cockpit.dashboard", "By request type");

        Http department = cockpitSession("sales", "tasklist");
        assertThat(department.get("/camunda/api/cockpit/plugin/dsr-sla/default/sla",
                "X-XSRF-TOKEN", department.cookie("XSRF-TOKEN")).status()).isIn(401, 403);
    }

    @Test
    void managerDownloadsTheRegisterWithTheCockpitSession() {
        Http manager = cockpitSession("managers", "cockpit");

        Http.Response csv = manager.get(REGISTER_IN_COCKPIT);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"dsr-register.csv\"");
        // the same register as the staff API's, line for line
        assertThat(csv.body()).isEqualTo(http.get("/api/staff/register.csv", "Authorization", TestUsers.auth("managers")).body());
        assertThat(csv.body().split("\n")[0]).isEqualTo(REGISTER_HEADER);
    }

    @Test
    void aDepartmentsTasklistSessionGetsNoRegisterThroughCockpit() {
        Http department = cockpitSession("sales", "tasklist");

        Http.Response refused = department.get(REGISTER_IN_COCKPIT);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("reference,type", "DSR-2026-");
        assertThat(new Http(port).get(REGISTER_IN_COCKPIT).status()).isEqualTo(401);
    }

    @Test
    void dsrFlowDashboardIsTheFirstPanelOfCockpitsDashboard() throws Exception {
        WebDriver driver = managersDashboard();

        WebElement dashboard = driver.findElement(By.cssSelector(".ctn-view.dashboard"));
        WebElement first = dashboard.findElement(By.xpath("./*[1]"));
        assertThat(first.findElements(By.id("dsr-sla"))).as("the first panel holds the dsr-flow dashboard").hasSize(1);
        assertThat(driver.findElement(By.id("dsr-sla")).getLocation().getY())
                .isLessThan(driver.findElement(By.cssSelector("section.actual")).getLocation().getY());
        assertThat(first.getText()).startsWith("Data-subject requests").doesNotContain("Custom Plugins");
        browser.screenshot("cockpit-dashboard-first-panel");
    }

    @Test
    void dashboardShowsWordsNotCodes() throws Exception {
        WebDriver driver = managersDashboard();

        String shown = driver.findElement(By.id("dsr-sla")).getText();
        assertThat(shown).doesNotContain("ACCESS", "RESTRICTION", "ERASURE", "AWAITING_CONFIRMATION", "CHECKING_IDENTITY",
                "IN_PROGRESS", "IN_REVIEW", "webdigital");
        assertThat(shown).doesNotContainPattern("\\b(SE|NO)\\b");
        assertThat(shown).contains("Access (Art. 15)", "Restriction (Art. 18)", "Identity check", "With the departments",
                "Web & Digital", "Sweden", "Norway");
        assertThat(driver.findElement(By.id("dsr-by-type")).getText())
                .contains("Erasure (Art. 17) 0 0 0 1 of 1 (100 %)", "Rectification (Art. 16) 1 0 0");
    }

    @Test
    void dashboardDrawsAnswersByWeekAndOpenRequestsByDueWeekAsCharts() throws Exception {
        WebDriver driver = managersDashboard();

        WebElement answers = driver.findElement(By.cssSelector("svg#dsr-chart-answers"));
        assertThat(answers.getAttribute("role")).isEqualTo("img");
        assertThat(answers.findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("Answered on time and late, by week (last 12 weeks)");
        List<WebElement> weeks = answers.findElements(By.cssSelector("g.dsr-bar"));
        assertThat(weeks).hasSize(12);
        assertThat(weeks.get(4).findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("W18 (27 Apr – 3 May): 0 on time, 1 late");
        WebElement due = driver.findElement(By.cssSelector("svg#dsr-chart-due"));
        assertThat(due.getAttribute("role")).isEqualTo("img");
        List<WebElement> buckets = due.findElements(By.cssSelector("g.dsr-bar"));
        assertThat(buckets).hasSize(8);
        assertThat(buckets.get(5).findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("W29 (13 Jul – 19 Jul): 2 open");
        // the same figures as a table, for screen readers and for reading off exact numbers
        assertThat(driver.findElements(By.cssSelector("#dsr-chart-answers-table tbody tr"))).hasSize(12);
        assertThat(driver.findElements(By.cssSelector("#dsr-chart-due-table tbody tr"))).hasSize(8);

        // the whole panel, for a person to look at
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.getElementById('dsr-sla').getBoundingClientRect().height)");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) height + 400));
        browser.screenshot("cockpit-sla-dashboard");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    @Test
    void managerDownloadsTheRegisterFromTheDashboard() throws Exception {
        WebDriver driver = managersDashboard();

        WebElement link = driver.findElement(By.id("dsr-register-csv"));
        assertThat(link.getText()).isEqualTo("Download the register (CSV)");
        assertThat(link.getAttribute("href")).isEqualTo("http://localhost:" + port + REGISTER_IN_COCKPIT);
        // a click downloads the file with the session the browser has: no password asked
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("dsr-downloads");
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        link.click();
        java.nio.file.Path file = downloads.resolve("dsr-register.csv");
        wait(driver).until(d -> java.nio.file.Files.exists(file));
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(REGISTER_HEADER);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("DSR-2026-");
    }

    static final String REGISTER_HEADER = "reference,type,site,channel,received,confirmed,due,extended_to,answered,outcome,on_time";
    static final String REGISTER_IN_COCKPIT = "/camunda/api/cockpit/plugin/dsr-sla/default/register.csv";

    /** One Chromium for this class's dashboard tests, logged into Cockpit as a manager (read-only tests). */
    static Browser browser;
    static int browserPort;

    /** Cockpit's dashboard as a manager sees it, once the SLA figures are drawn. */
    WebDriver managersDashboard() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null || Browser.available(),
                "Chromium and chromedriver are not installed (.ci/run installs them)");
        if (browser == null || browserPort != port) {
            closeBrowser();
            browser = new Browser();
            browserPort = port;
            WebDriver driver = browser.driver();
            driver.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                    .sendKeys(TestUsers.of("managers"));
            driver.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.PASSWORD);
            driver.findElement(By.cssSelector("button[type='submit']")).click();
        } else {
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/dashboard");
            browser.driver().navigate().refresh();
        }
        WebDriver driver = browser.driver();
        wait(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("dsr-open"), "6"));
        return driver;
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, java.time.Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
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
        open(type, status, due, "SE");
    }

    private void open(String type, String status, String due, String site) {
        insert(type, status, site, LocalDate.parse(due).minusMonths(1), LocalDate.parse(due), null, null, null);
    }

    private void answered(String type, String status, String answeredOn, Integer days, Boolean onTime) {
        LocalDate answered = answeredOn == null ? null : LocalDate.parse(answeredOn);
        LocalDate received = answered == null ? LocalDate.parse("2026-06-01") : answered.minusDays(days);
        insert(type, status, "SE", received, received.plusMonths(1), answered, days, onTime);
    }

    private void insert(String type, String status, String site, LocalDate received, LocalDate due, LocalDate answeredOn, Integer days,
                        Boolean onTime) {
        jdbc.sql("""
                        insert into dsr_request (type, site, language, channel, requester_name, requester_email, categories,
                            status, received_on, created_at, due_date, answered_on, days_to_answer, on_time)
                        values (:type, :site, 'en', 'WEB', 'Seed', 'seed@example.com', 'contact', :status, :received,
                            :created, :due, :answered, :days, :onTime)""")
                .param("type", type).param("site", site).param("status", status).param("received", received)
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
