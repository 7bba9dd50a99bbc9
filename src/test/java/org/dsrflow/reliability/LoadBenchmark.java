package org.dsrflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dsrflow.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark ({@code scripts/benchmark}; not part of {@code ./mvnw verify}): the packaged jar
 * with the prod profile on PostgreSQL (embedded, or {@code SPRING_DATASOURCE_URL}) and GreenMail.
 * It measures, in one run on one database:
 * <ol>
 * <li>the ceiling: single-row commits per second from as many client threads as the intake uses;</li>
 * <li>an intake burst: {@code benchmark.requests} submissions from 16 clients, latencies, errors,
 *     and when the last acknowledgement arrived;</li>
 * <li>the whole lifecycle of {@code benchmark.lifecycle} staff-registered requests, departments and
 *     reviewers working through Tasklist's own API in parallel: requests per second, commits per
 *     request, and the ratio to the ceiling;</li>
 * <li>history growth: the SLA figures, the register export and a department's Tasklist queries with
 *     {@code benchmark.history} closed requests;</li>
 * <li>start-up time and resident memory after the run.</li>
 * </ol>
 * It writes target/benchmark/report.json (also printed) and target/benchmark/chart.png.
 */
class LoadBenchmark {

    private static final Logger log = LoggerFactory.getLogger(LoadBenchmark.class);
    static final Path OUT = Path.of("target", "benchmark");
    static final int CLIENTS = 16;
    static final List<String> DEPARTMENTS = List.of("sales", "marketing", "support", "finance");
    static final String PASSWORD = "bench-staff-password-1";
    /** The JVM options the README recommends for a node (heap, collector, thread stacks). */
    static final List<String> JVM = List.of(System.getProperty("benchmark.jvm", "-Xmx384m -XX:+UseSerialGC -Xss512k").split(" "));

    final int requests = Integer.getInteger("benchmark.requests", 10_000);
    final int lifecycle = Integer.getInteger("benchmark.lifecycle", 500);
    final List<Integer> history = parse(System.getProperty("benchmark.history", "100000,1000000"));
    final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final ObjectNode report = json.createObjectNode();

    @Test
    void benchmark() throws Exception {
        Files.createDirectories(OUT);
        String external = System.getenv("SPRING_DATASOURCE_URL");
        try (Database database = external == null ? new Database() : null; MailSink mail = new MailSink()) {
            String url = external != null ? external : database.jdbcUrl();
            String user = external != null ? System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres") : "postgres";
            String password = external != null ? System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "postgres") : "postgres";
            Db db = new Db(url, user, password);
            report.put("database", db.version());
            report.put("machine", Runtime.getRuntime().availableProcessors() + " cores");

            AppNode node = new AppNode("bench", url, mail.port())
                    .set("spring.datasource.username", user).set("spring.datasource.password", password)
                    .set("dsr.mail.retry-cycle", "R5/PT5S")
                    .jvm(JVM);
            // Extra application settings for an experiment: -Dbenchmark.app=key=value;key=value
            for (String setting : System.getProperty("benchmark.app", "").split(";")) {
                if (setting.contains("=")) {
                    node.set(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
                }
            }
            try (node) {
                long started = System.nanoTime();
                node.start().awaitUp(Duration.ofMinutes(2));
                ObjectNode startup = report.putObject("startup");
                startup.put("secondsUntilHealthy", seconds(System.nanoTime() - started));
                startup.put("springBootSeconds", springBootStartSeconds(node));
                node.createStaff(withPrivacy(), PASSWORD);

                ceiling(db);
                List<double[]> intakeSeries = intake(node, db, mail);
                List<double[]> lifecycleSeries = lifecycle(node, db, mail);
                history(node, db);

                ObjectNode memory = report.putObject("memory");
                memory.put("residentMiBAfterRun", node.residentKiB() / 1024);
                memory.put("jvm", String.join(" ", JVM));
                chart(intakeSeries, lifecycleSeries);
            }
            report.set("targets", targets());
            String text = json.writeValueAsString(report);
            Files.writeString(OUT.resolve("report.json"), text);
            System.out.println("\n=== dsr-flow benchmark ===\n" + text + "\nchart: " + OUT.resolve("chart.png").toAbsolutePath());
        }
    }

    // 1. ceiling ---------------------------------------------------------------------------------

    private void ceiling(Db db) throws Exception {
        db.execute("create table if not exists bench_ceiling (id bigserial primary key, at timestamptz not null default now(), v int)");
        Duration run = Duration.ofSeconds(10);
        AtomicLong commits = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + run.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            workers.add(threads.submit(() -> {
                try (Connection connection = db.connect();
                     PreparedStatement insert = connection.prepareStatement("insert into bench_ceiling (v) values (?)")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        insert.setInt(1, 1);
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        db.execute("drop table bench_ceiling");
        ObjectNode ceiling = report.putObject("ceiling");
        ceiling.put("clientThreads", CLIENTS);
        ceiling.put("commitsPerSecond", round(commits.get() / (double) run.toSeconds()));
        ceiling.put("what", "single-row insert, autocommit, from " + CLIENTS + " JDBC threads for " + run.toSeconds() + " s");
    }

    // 2. intake burst ----------------------------------------------------------------------------

    private List<double[]> intake(AppNode node, Db db, MailSink mail) throws Exception {
        WhereTimeGoes time = new WhereTimeGoes(node.pid(), db);
        long started = System.nanoTime();
        List<Load.Outcome> outcomes = new Load().submit("intake", requests, CLIENTS, i -> node.port(), new AtomicBoolean());
        long submitted = System.nanoTime();
        ObjectNode spent = json.createObjectNode();
        time.report(spent);
        long lastAcknowledgement = awaitEmails(mail, BurstCrashAndShutdownIT.to("intake-"), requests, Duration.ofMinutes(15));
        List<Long> latencies = outcomes.stream().map(Load.Outcome::nanos).sorted().toList();
        ObjectNode intake = report.putObject("intake");
        intake.put("requests", requests);
        intake.put("clients", CLIENTS);
        intake.put("seconds", seconds(submitted - started));
        intake.put("requestsPerSecond", round(requests / ((submitted - started) / 1e9)));
        intake.put("p50Ms", millis(percentile(latencies, 50)));
        intake.put("p95Ms", millis(percentile(latencies, 95)));
        intake.put("p99Ms", millis(percentile(latencies, 99)));
        intake.put("maxMs", millis(latencies.get(latencies.size() - 1)));
        intake.put("errors", outcomes.stream().filter(outcome -> outcome.status() != 201).count());
        intake.put("lastAcknowledgementAfterFirstSubmissionSeconds", seconds(lastAcknowledgement - started));
        intake.set("whereTheTimeGoesWhileSubmitting", spent);
        return perSecond(outcomes, started);
    }

    // 3. whole lifecycle ------------------------------------------------------------------------

    private List<double[]> lifecycle(AppNode node, Db db, MailSink mail) throws Exception {
        int answersBefore = (int) mail.messages().stream().filter(MailSink.subjectContains("Our answer")).count();
        // The application's own commits while nobody uses it (node heartbeat, job acquisition)
        long idleBefore = db.commits();
        long idleStarted = System.nanoTime();
        AppNode.pause(10_000);
        double idleCommitsPerSecond = (db.commits() - idleBefore) / ((System.nanoTime() - idleStarted) / 1e9);
        WhereTimeGoes time = new WhereTimeGoes(node.pid(), db);
        long commitsBefore = db.commits();
        long jobsBefore = db.count("select count(*) from act_hi_job_log where job_state_ = 2");
        long failuresBefore = db.count("select count(*) from act_hi_job_log where job_state_ = 1");
        long started = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        List<double[]> completions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        Map<String, AtomicLong> calls = Map.of("registrations", new AtomicLong(), "taskListPolls", new AtomicLong(),
                "formReads", new AtomicLong(), "formSubmits", new AtomicLong(), "logIns", new AtomicLong());
        ExecutorService workers = Executors.newFixedThreadPool(DEPARTMENTS.size() * 2 + 2 + 4);
        List<Future<Integer>> running = new ArrayList<>();
        // Registration by the privacy team (staff API), four clients
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            running.add(workers.submit(() -> {
                Http http = node.http();
                int errors = 0;
                for (int i = next.getAndIncrement(); i < lifecycle; i = next.getAndIncrement()) {
                    Http.Response created = http.postJson("/api/staff/requests", """
                            {"type": "ACCESS", "name": "Bench Person", "email": "life-%d@example.com", "site": "SE", "language": "en",
                             "categories": ["contact"], "receivedOn": "%s", "channel": "EMAIL",
                             "identityCheck": "KNOWLEDGE"}""".formatted(i, LocalDate.now()),
                            "Authorization", Http.basic("privacy1", PASSWORD));
                    calls.get("registrations").incrementAndGet();
                    errors += created.status() == 201 ? 0 : 1;
                }
                return errors;
            }));
        }
        // Departments and reviewers, as Tasklist: logged in once, the filter's list, the form, submit
        for (String group : withPrivacy()) {
            int instances = group.equals("privacy") ? 2 : 2;
            for (int w = 0; w < instances; w++) {
                int worker = w;
                running.add(workers.submit(() -> work(node, group, worker, instances, done, completed, completions, started, calls)));
            }
        }
        int answered;
        long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        do {
            AppNode.pause(500);
            answered = (int) mail.messages().stream().filter(MailSink.subjectContains("Our answer")).count() - answersBefore;
        } while (answered < lifecycle && System.nanoTime() < until);
        long finished = System.nanoTime();
        done.set(true);
        int errors = 0;
        for (Future<Integer> worker : running) {
            errors += worker.get();
        }
        workers.shutdown();
        long commits = db.commits() - commitsBefore;
        ObjectNode spent = json.createObjectNode();
        time.report(spent);
        long jobs = db.count("select count(*) from act_hi_job_log where job_state_ = 2") - jobsBefore;
        long jobFailures = db.count("select count(*) from act_hi_job_log where job_state_ = 1") - failuresBefore;
        double perSecond = lifecycle / ((finished - started) / 1e9);
        double commitsPerRequest = commits / (double) lifecycle;
        double ceiling = report.get("ceiling").get("commitsPerSecond").asDouble();
        ObjectNode result = report.putObject("lifecycle");
        result.put("requests", lifecycle);
        result.put("answered", answered);
        result.put("seconds", seconds(finished - started));
        result.put("requestsPerSecond", round(perSecond));
        result.put("commits", commits);
        result.put("commitsPerRequest", round(commitsPerRequest));
        result.put("ceilingRequestsPerSecond", round(ceiling / commitsPerRequest));
        result.put("ratioToCeiling", Math.round(1000 * perSecond / (ceiling / commitsPerRequest)) / 1000.0);
        result.put("errors", errors);
        ObjectNode perRequest = result.putObject("commitsPerRequestByPurpose");
        double background = idleCommitsPerSecond * (finished - started) / 1e9;
        double registrations = calls.get("registrations").get();
        double known = registrations + jobs + calls.get("taskListPolls").get() + calls.get("formReads").get()
                + calls.get("formSubmits").get() + calls.get("logIns").get() + background;
        perRequest.put("registration (staff API, one transaction)", round(registrations / lifecycle));
        perRequest.put("task-list queries (Tasklist's filter list, incl. empty polls)", round(calls.get("taskListPolls").get() / (double) lifecycle));
        perRequest.put("form reads (form-variables)", round(calls.get("formReads").get() / (double) lifecycle));
        perRequest.put("form submissions (submit-form)", round(calls.get("formSubmits").get() / (double) lifecycle));
        perRequest.put("jobs executed (async continuations, emails, timers)", round(jobs / (double) lifecycle));
        perRequest.put("background (heartbeat, job acquisition) at the idle rate", round(background / lifecycle));
        perRequest.put("rest (job locking, delivery records of emails, log-ins)", round((commits - known) / lifecycle));
        result.put("jobsExecuted", jobs);
        result.put("jobFailures", jobFailures);
        result.put("idleCommitsPerSecond", round(idleCommitsPerSecond));
        result.set("whereTheTimeGoes", spent);
        result.put("workers", "4 registering (staff API), 2 per department and 2 reviewers (Tasklist's API, session log-in)");
        return completions;
    }

    private int work(AppNode node, String group, int worker, int workers, AtomicBoolean done, AtomicInteger completed,
                     List<double[]> completions, long started, Map<String, AtomicLong> calls) {
        Http http = node.http();
        http.get("/camunda/app/tasklist/default/");
        Http.Response login = http.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", group + "1", "password", PASSWORD), "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
        calls.get("logIns").addAndGet(2); // the log-in and the filter query below
        if (login.status() != 200) {
            throw new IllegalStateException(group + " could not log into Tasklist: " + login.status());
        }
        String api = "/camunda/api/engine/engine/default";
        String filter = http.get(api + "/filter?resourceType=Task", "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN")).json().get(0).get("id").asText();
        int errors = 0;
        while (!done.get()) {
            Http.Response list = http.postJson(api + "/filter/" + filter + "/list?firstResult=0&maxResults=50", "{}",
                    "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
            calls.get("taskListPolls").incrementAndGet();
            if (list.status() != 200) {
                errors++;
                log.warn("{}: task list answered {}: {}", group, list.status(), list.body());
                AppNode.pause(200);
                continue;
            }
            JsonNode tasks = list.json();
            int worked = 0;
            for (JsonNode task : tasks) {
                String id = task.get("id").asText();
                if (Math.floorMod(id.hashCode(), workers) != worker) {
                    continue;
                }
                http.get(api + "/task/" + id + "/form-variables", "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
                calls.get("formReads").incrementAndGet();
                String body = group.equals("privacy")
                        ? "{\"variables\": {\"reviewDecision\": {\"value\": \"approve\"}}}"
                        : "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\": \\\"no\\\"}\"}}}";
                int status = http.postJson(api + "/task/" + id + "/submit-form", body, "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN")).status();
                calls.get("formSubmits").incrementAndGet();
                if (status == 204) {
                    worked++;
                    completions.add(new double[] {(System.nanoTime() - started) / 1e9, completed.incrementAndGet()});
                } else if (status != 404) {
                    errors++;
                    log.warn("{}: completing a task answered {}", group, status);
                }
            }
            if (worked == 0) {
                AppNode.pause(200);
            }
        }
        return errors;
    }

    // 4. history growth -------------------------------------------------------------------------

    private void history(AppNode node, Db db) throws Exception {
        var list = report.putArray("history");
        long present = db.count("select count(*) from dsr_request where status = 'ANSWERED'");
        for (int target : history) {
            long add = Math.max(0, target - present);
            long seeding = System.nanoTime();
            db.execute("""
                    insert into dsr_request (reference, type, site, language, channel, requester_name, requester_email, categories,
                        status, received_on, created_at, confirmed_at, closed_at, due_date, answered_on, days_to_answer, on_time, anonymised_at)
                    select 'DSR-H-' || g, case g % 3 when 0 then 'ACCESS' when 1 then 'ERASURE' else 'MARKETING_OBJECTION' end, 'SE', 'en',
                        'WEB', '(erased)', '(erased)', 'contact', 'ANSWERED',
                        current_date - (g % 700)::int, now() - ((g % 700) || ' days')::interval, now(), now(),
                        current_date - (g % 700)::int + 30, current_date - (g % 700)::int + (g % 40)::int, (g % 40)::int,
                        (g % 40) < 31, now()
                    from generate_series(FIRST, LAST) g""".replace("FIRST", Long.toString(present + 1))
                    .replace("LAST", Long.toString(present + add)));
            // The application keeps the SLA statistics as requests are answered; after a bulk seed they are rebuilt.
            db.execute("delete from dsr_answer_stats");
            db.execute("""
                    insert into dsr_answer_stats (answered_on, days_to_answer, on_time, type, requests)
                    select answered_on, days_to_answer, on_time, type, count(*) from dsr_request
                    where answered_on is not null group by answered_on, days_to_answer, on_time, type""");
            db.execute("analyze dsr_request");
            db.execute("analyze dsr_answer_stats");
            present += add;
            ObjectNode at = list.addObject();
            at.put("closedRequests", present);
            at.put("seedSeconds", seconds(System.nanoTime() - seeding));
            at.put("slaFiguresMs", median(() -> node.http().get("/api/staff/sla", "Authorization", Http.basic("privacy1", PASSWORD)), 7));
            at.put("registerExportMs", median(() -> node.http().get("/api/staff/register.csv", "Authorization",
                    Http.basic("privacy1", PASSWORD)), 3));
            Http sales = tasklist(node, "sales");
            String filter = sales.get("/camunda/api/engine/engine/default/filter?resourceType=Task",
                    "X-XSRF-TOKEN", sales.cookie("XSRF-TOKEN")).json().get(0).get("id").asText();
            at.put("departmentTaskListMs", median(() -> sales.postJson("/camunda/api/engine/engine/default/filter/" + filter
                    + "/list?firstResult=0&maxResults=15", "{}", "X-XSRF-TOKEN", sales.cookie("XSRF-TOKEN")), 7));
            at.put("departmentTaskCountMs", median(() -> sales.get("/camunda/api/engine/engine/default/filter/" + filter
                    + "/count", "X-XSRF-TOKEN", sales.cookie("XSRF-TOKEN")), 7));
        }
    }

    private static Http tasklist(AppNode node, String group) {
        Http http = node.http();
        http.get("/camunda/app/tasklist/default/");
        http.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", group + "1", "password", PASSWORD), "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
        return http;
    }

    // helpers -----------------------------------------------------------------------------------

    private ObjectNode targets() {
        ObjectNode targets = json.createObjectNode();
        JsonNode intake = report.get("intake");
        JsonNode life = report.get("lifecycle");
        targets.put("intake 10,000 in <= 60 s", intake.get("seconds").asDouble() <= 60 && requests >= 10_000);
        targets.put("intake p99 <= 150 ms", intake.get("p99Ms").asDouble() <= 150);
        targets.put("intake 0 errors", intake.get("errors").asLong() == 0);
        targets.put("last acknowledgement <= 5 min", intake.get("lastAcknowledgementAfterFirstSubmissionSeconds").asDouble() <= 300);
        targets.put("lifecycle >= 40 % of ceiling", life.get("ratioToCeiling").asDouble() >= 0.4);
        JsonNode largest = report.get("history").get(report.get("history").size() - 1);
        targets.put("SLA figures <= 200 ms at " + largest.get("closedRequests").asLong(), largest.get("slaFiguresMs").asDouble() <= 200);
        targets.put("department task list <= 100 ms at " + largest.get("closedRequests").asLong(),
                largest.get("departmentTaskListMs").asDouble() <= 100);
        targets.put("start-up <= 10 s", report.get("startup").get("springBootSeconds").asDouble() <= 10);
        targets.put("resident memory <= 700 MiB", report.get("memory").get("residentMiBAfterRun").asLong() <= 700);
        return targets;
    }

    private void chart(List<double[]> intake, List<double[]> lifecycle) throws Exception {
        XYChart chart = new XYChartBuilder().width(1000).height(520).title("dsr-flow benchmark")
                .xAxisTitle("seconds since the phase began").yAxisTitle("per second / ms").build();
        chart.getStyler().setTheme(new org.knowm.xchart.style.theme.MatlabTheme());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        add(chart, "intake: requests/s", intake, 1);
        add(chart, "intake: p99 latency (ms) per second", intake, 2);
        List<double[]> rate = new ArrayList<>();
        double previous = 0;
        for (double[] point : lifecycle) {
            if (rate.isEmpty() || point[0] - rate.get(rate.size() - 1)[0] >= 1) {
                rate.add(new double[] {point[0], point[1] - previous});
                previous = point[1];
            }
        }
        add(chart, "lifecycle: task completions/s", rate, 1);
        BitmapEncoder.saveBitmap(chart, OUT.resolve("chart").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void add(XYChart chart, String name, List<double[]> points, int column) {
        if (points.isEmpty()) {
            return;
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[column]).toArray();
        chart.addSeries(name, x, y);
    }

    /** Per second of the run: [second, requests answered in it, their p99 in ms]. */
    private static List<double[]> perSecond(List<Load.Outcome> outcomes, long started) {
        Map<Long, List<Long>> buckets = new java.util.TreeMap<>();
        for (Load.Outcome outcome : outcomes) {
            buckets.computeIfAbsent((outcome.startedNanos() + outcome.nanos() - started) / 1_000_000_000L,
                    key -> new ArrayList<>()).add(outcome.nanos());
        }
        List<double[]> series = new ArrayList<>();
        buckets.forEach((second, latencies) -> {
            Collections.sort(latencies);
            series.add(new double[] {second, latencies.size(), millis(percentile(latencies, 99))});
        });
        return series;
    }

    private static long awaitEmails(MailSink mail, java.util.function.Predicate<jakarta.mail.internet.MimeMessage> which,
                                    int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (mail.messages().stream().filter(which).count() >= count) {
                return System.nanoTime();
            }
            AppNode.pause(100);
        }
        throw new AssertionError(count + " emails not there after " + timeout);
    }

    private static double median(java.util.function.Supplier<Http.Response> call, int runs) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            Http.Response response = call.get();
            if (response.status() >= 400) {
                throw new IllegalStateException("benchmark call failed: " + response.status() + " " + response.body());
            }
            times.add(System.nanoTime() - started);
        }
        Collections.sort(times);
        return millis(times.get(times.size() / 2));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double springBootStartSeconds(AppNode node) throws Exception {
        for (String line : Files.readAllLines(AppNode.LOGS.resolve(node.logName()))) {
            java.util.regex.Matcher started = java.util.regex.Pattern.compile("Started \\w+ in ([0-9.]+) seconds").matcher(line);
            if (started.find()) {
                return Double.parseDouble(started.group(1));
            }
        }
        return Double.NaN;
    }

    private static List<String> withPrivacy() {
        List<String> groups = new ArrayList<>(DEPARTMENTS);
        groups.add("privacy");
        return groups;
    }

    private static List<Integer> parse(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static double seconds(long nanos) {
        return round(nanos / 1e9);
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The benchmark's own view of the database: it counts the commits the application made. */
    static final class Db {
        private final String url;
        private final String user;
        private final String password;

        Db(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        Connection connect() throws java.sql.SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        String version() throws java.sql.SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 var rs = statement.executeQuery("select version()")) {
                rs.next();
                return rs.getString(1);
            }
        }

        /** Commits in this database so far (pg_stat_database), minus the ones this query makes. */
        long commits() throws Exception {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("select pg_stat_clear_snapshot()");
                try (var rs = statement.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        long count(String sql) throws Exception {
            try (Connection connection = connect(); Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        void execute(String sql) throws Exception {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
