package org.dsrflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark ({@code scripts/benchmark}; not part of {@code ./mvnw verify}): the packaged jar
 * with the prod profile on PostgreSQL (embedded, or {@code SPRING_DATASOURCE_URL}) and GreenMail.
 * It measures, in one run on one database, dsr-flow next to plain Camunda processes of the same shapes
 * ({@link PlainCamunda}, deployed into the same engine through its REST API and driven by the same clients):
 * <ol>
 * <li>the ceiling: single-row commits per second from as many client threads as the intake uses;</li>
 * <li>an intake burst of {@code benchmark.requests} submissions from 16 closed-loop clients, dsr-flow and plain
 *     (after a warm-up of both): throughput, latencies, errors, CPU and commits per request until the jobs were done,
 *     and when the last acknowledgement arrived;</li>
 * <li>intake latency at fixed arrival rates (open loop, 50 and 100 per second), dsr-flow and plain;</li>
 * <li>the whole lifecycle of {@code benchmark.lifecycle} staff-registered requests, departments and
 *     reviewers working through Tasklist's own API in parallel, then the same for the plain lifecycle:
 *     requests per second, CPU and commits per request, failed completions;</li>
 * <li>dsr-flow ÷ plain for each of these;</li>
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

    /** Submissions of each intake before anything is measured (the JIT compiles both). */
    static final int WARM_UP = Integer.getInteger("benchmark.warmup", 500);
    /** The open-loop arrival rates (per second) and how long each runs. */
    static final List<Integer> OPEN_LOOP_RATES = List.of(50, 100);
    static final int OPEN_LOOP_SECONDS = Integer.getInteger("benchmark.openloop.seconds", 30);

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
                if (Boolean.getBoolean("benchmark.startup-only")) {
                    // Start-up alone (to compare JVM options or builds quickly): nothing else is measured.
                    report.putObject("memory").put("residentMiBAfterStart", node.residentKiB() / 1024);
                    node.terminate(Duration.ofSeconds(60));
                    Files.writeString(OUT.resolve("report.json"), json.writeValueAsString(report));
                    System.out.println("\n=== dsr-flow start-up ===\n" + json.writeValueAsString(report));
                    return;
                }
                PlainCamunda plain = PlainCamunda.deploy(node);

                ceiling(db);
                phase("warm-up", () -> warmUp(node, plain, db, mail));
                Map<String, List<double[]>> series = new java.util.LinkedHashMap<>();
                series.put("intake dsr-flow", phase("intake dsr-flow", () -> intake(node, db, mail)));
                series.put("intake plain", phase("intake plain", () -> plainIntake(node, plain, db)));
                phase("open loop", () -> openLoop(node, plain, db, mail));
                series.put("lifecycle dsr-flow", phase("lifecycle dsr-flow", () -> lifecycle(node, db, mail)));
                series.put("lifecycle plain", phase("lifecycle plain", () -> plainLifecycle(node, plain, db)));
                report.set("versusPlain", versusPlain());
                phase("history", () -> history(node, db));

                ObjectNode memory = report.putObject("memory");
                memory.put("residentMiBAfterRun", node.residentKiB() / 1024);
                memory.put("jvm", String.join(" ", JVM));
                chart(series);
                if (JVM.stream().anyMatch(option -> option.startsWith("-XX:StartFlightRecording")
                        || option.startsWith("-XX:ArchiveClassesAtExit"))) {
                    // A profile or a class-data archive is written when the JVM exits: stop it gracefully instead of killing it.
                    node.terminate(Duration.ofSeconds(60));
                }
            }
            report.set("targets", targets());
            String text = json.writeValueAsString(report);
            Files.writeString(OUT.resolve("report.json"), text);
            System.out.println("\n=== dsr-flow benchmark ===\n" + text + "\nchart: " + OUT.resolve("chart.png").toAbsolutePath());
        }
    }

    /** A phase, with its clock times in the report (to cut a profile of the run to it: scripts/jfr-top --from --to). */
    private <T> T phase(String name, java.util.concurrent.Callable<T> run) throws Exception {
        String from = java.time.LocalTime.now().withNano(0).toString();
        T result = run.call();
        ObjectNode times = report.with("phases").putObject(name);
        times.put("from", from);
        times.put("to", java.time.LocalTime.now().withNano(0).toString());
        return result;
    }

    private void phase(String name, ThrowingRunnable run) throws Exception {
        phase(name, () -> {
            run.run();
            return null;
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
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

    // 2. intake: a saturated burst (closed loop), dsr-flow and plain Camunda --------------------

    /** The JIT compiles the code of both intakes before either is measured, so neither pays for it alone. */
    private void warmUp(AppNode node, PlainCamunda plain, Db db, MailSink mail) throws Exception {
        int count = Math.min(WARM_UP, requests);
        Load load = new Load();
        List<Load.Outcome> dsrFlow = Drive.closed(count, CLIENTS, i -> load.submitOne(node.port(), Load.email("warm", i)));
        ThreadLocal<Http> http = ThreadLocal.withInitial(node::http);
        long endedBefore = ended(db, PlainCamunda.INTAKE);
        List<Load.Outcome> plainOnes = Drive.closed(count, CLIENTS, i -> plain.start(http.get(), PlainCamunda.INTAKE, "warm-" + i));
        awaitEmails(mail, BurstCrashAndShutdownIT.to("warm-"), accepted(dsrFlow), Duration.ofMinutes(5));
        awaitEnded(db, PlainCamunda.INTAKE, endedBefore + accepted(plainOnes), Duration.ofMinutes(5));
        report.putObject("warmUp").put("submissionsOfEach", count);
    }

    private List<double[]> intake(AppNode node, Db db, MailSink mail) throws Exception {
        WhereTimeGoes whileSubmitting = new WhereTimeGoes(node.pid(), db);
        WhereTimeGoes untilDone = new WhereTimeGoes(node.pid(), db);
        long commitsBefore = db.commits();
        long started = System.nanoTime();
        Load load = new Load();
        List<Load.Outcome> outcomes = Drive.closed(requests, CLIENTS, i -> load.submitOne(node.port(), Load.email("intake", i)));
        long submitted = System.nanoTime();
        ObjectNode spent = json.createObjectNode();
        whileSubmitting.report(spent);
        long lastAcknowledgement = awaitEmails(mail, BurstCrashAndShutdownIT.to("intake-"), accepted(outcomes), Duration.ofMinutes(15));
        ObjectNode intake = report.putObject("intake");
        burst(intake, outcomes, started, submitted, db.commits() - commitsBefore, untilDone);
        intake.put("lastAcknowledgementAfterFirstSubmissionSeconds", seconds(lastAcknowledgement - started));
        intake.set("whereTheTimeGoesWhileSubmitting", spent);
        intake.put("what", "POST /api/requests (public, no log-in): the request stored, the process started, its acknowledgement email a job");
        return perSecond(outcomes, started);
    }

    private List<double[]> plainIntake(AppNode node, PlainCamunda plain, Db db) throws Exception {
        WhereTimeGoes whileSubmitting = new WhereTimeGoes(node.pid(), db);
        WhereTimeGoes untilDone = new WhereTimeGoes(node.pid(), db);
        long endedBefore = ended(db, PlainCamunda.INTAKE);
        long commitsBefore = db.commits();
        long started = System.nanoTime();
        ThreadLocal<Http> http = ThreadLocal.withInitial(node::http);
        List<Load.Outcome> outcomes = Drive.closed(requests, CLIENTS, i -> plain.start(http.get(), PlainCamunda.INTAKE, "intake-" + i));
        long submitted = System.nanoTime();
        ObjectNode spent = json.createObjectNode();
        whileSubmitting.report(spent);
        long lastJob = awaitEnded(db, PlainCamunda.INTAKE, endedBefore + accepted(outcomes), Duration.ofMinutes(15));
        ObjectNode intake = report.putObject("plainIntake");
        burst(intake, outcomes, started, submitted, db.commits() - commitsBefore, untilDone);
        intake.put("lastJobDoneAfterFirstSubmissionSeconds", seconds(lastJob - started));
        intake.set("whereTheTimeGoesWhileSubmitting", spent);
        intake.put("what", "POST /engine-rest/process-definition/key/" + PlainCamunda.INTAKE
                + "/start (HTTP basic log-in): start + one asynchronous service task");
        return perSecond(outcomes, started);
    }

    /** The figures of a burst: rate, latencies, errors, and CPU and commits per request until its jobs were done. */
    private void burst(ObjectNode into, List<Load.Outcome> outcomes, long started, long submitted, long commits,
                       WhereTimeGoes untilDone) throws Exception {
        List<Long> latencies = outcomes.stream().map(Load.Outcome::nanos).sorted().toList();
        into.put("requests", outcomes.size());
        into.put("clients", CLIENTS);
        into.put("seconds", seconds(submitted - started));
        into.put("requestsPerSecond", round(outcomes.size() / ((submitted - started) / 1e9)));
        into.put("p50Ms", millis(percentile(latencies, 50)));
        into.put("p95Ms", millis(percentile(latencies, 95)));
        into.put("p99Ms", millis(percentile(latencies, 99)));
        into.put("maxMs", millis(latencies.get(latencies.size() - 1)));
        into.put("errors", outcomes.stream().filter(outcome -> outcome.status() != 201).count());
        outcomes.stream().filter(outcome -> outcome.status() != 201).findFirst()
                .ifPresent(outcome -> log.warn("first failed submission: {} {}", outcome.status(), outcome.body()));
        perRequest(into, outcomes.size(), commits, untilDone);
    }

    /** CPU (application, PostgreSQL) and commits per request, measured until the phase's jobs were done. */
    private void perRequest(ObjectNode into, int count, long commits, WhereTimeGoes untilDone) throws Exception {
        ObjectNode whole = json.createObjectNode();
        untilDone.report(whole);
        JsonNode cpu = whole.get("cpuSeconds");
        ObjectNode each = into.putObject("perRequestUntilItsJobsAreDone");
        each.put("applicationCpuMs", round(1000 * cpu.get("application").asDouble() / count));
        each.put("postgresCpuMs", round(1000 * cpu.get("postgres").asDouble() / count));
        each.put("commits", round(commits / (double) count));
        each.put("wallSeconds", cpu.get("wallSeconds").asDouble());
        each.put("machineBusyPercent", cpu.get("machineBusyPercent").asDouble());
        each.put("otherProcessesCpuSeconds", cpu.get("otherProcesses").asDouble());
    }

    // 3. intake latency at fixed arrival rates (open loop) --------------------------------------

    /**
     * Submissions on a fixed schedule (50 and 100 per second for {@code benchmark.openloop.seconds}), latency from the
     * scheduled time: what a requester sees at that load, not the queue that 16 clients in a closed loop build.
     * Each rate runs after the jobs of the one before are done.
     */
    private void openLoop(AppNode node, PlainCamunda plain, Db db, MailSink mail) throws Exception {
        ObjectNode open = report.putObject("openLoop");
        open.put("secondsPerRate", OPEN_LOOP_SECONDS);
        ArrayNode rates = open.putArray("rates");
        Load load = new Load();
        ThreadLocal<Http> http = ThreadLocal.withInitial(node::http);
        for (int rate : OPEN_LOOP_RATES) {
            int count = rate * OPEN_LOOP_SECONDS;
            String run = "open" + rate;
            ObjectNode at = rates.addObject();
            at.put("perSecond", rate);
            at.put("submissions", count);
            List<Load.Outcome> dsrFlow = Drive.open(count, rate, i -> load.submitOne(node.port(), Load.email(run, i)));
            latencies(at.putObject("dsrFlow"), dsrFlow);
            awaitEmails(mail, BurstCrashAndShutdownIT.to(run + "-"), accepted(dsrFlow), Duration.ofMinutes(10));
            long endedBefore = ended(db, PlainCamunda.INTAKE);
            List<Load.Outcome> plainOnes = Drive.open(count, rate, i -> plain.start(http.get(), PlainCamunda.INTAKE, run + "-" + i));
            latencies(at.putObject("plain"), plainOnes);
            awaitEnded(db, PlainCamunda.INTAKE, endedBefore + accepted(plainOnes), Duration.ofMinutes(10));
        }
    }

    /** The submissions that were accepted (201): only these have a job to wait for. */
    private static int accepted(List<Load.Outcome> outcomes) {
        return (int) outcomes.stream().filter(outcome -> outcome.status() == 201).count();
    }

    private void latencies(ObjectNode into, List<Load.Outcome> outcomes) {
        List<Long> latencies = outcomes.stream().map(Load.Outcome::nanos).sorted().toList();
        into.put("p50Ms", millis(percentile(latencies, 50)));
        into.put("p95Ms", millis(percentile(latencies, 95)));
        into.put("p99Ms", millis(percentile(latencies, 99)));
        into.put("maxMs", millis(latencies.get(latencies.size() - 1)));
        into.put("errors", outcomes.stream().filter(outcome -> outcome.status() != 201).count());
        outcomes.stream().filter(outcome -> outcome.status() != 201).findFirst()
                .ifPresent(outcome -> log.warn("first failed submission: {} {}", outcome.status(), outcome.body()));
    }

    // 4. whole lifecycle ------------------------------------------------------------------------

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
        Map<String, AtomicLong> calls = calls();
        Workers workers = new Workers(node, started, calls, group -> group.equals("privacy")
                ? "{\"variables\": {\"reviewDecision\": {\"value\": \"approve\"}}}"
                : "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\": \\\"no\\\"}\"}}}");
        // Registration by the privacy team (staff API), four clients
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            workers.register(() -> {
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
            });
        }
        workers.startTasklistUsers();
        int answered;
        long until = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        do {
            AppNode.pause(500);
            answered = (int) mail.messages().stream().filter(MailSink.subjectContains("Our answer")).count() - answersBefore;
        } while (answered < lifecycle && System.nanoTime() < until);
        long finished = System.nanoTime();
        int errors = workers.stop();
        long commits = db.commits() - commitsBefore;
        ObjectNode spent = json.createObjectNode();
        time.report(spent);
        long jobs = db.count("select count(*) from act_hi_job_log where job_state_ = 2") - jobsBefore;
        long jobFailures = db.count("select count(*) from act_hi_job_log where job_state_ = 1") - failuresBefore;
        double perSecond = lifecycle / ((finished - started) / 1e9);
        double commitsPerRequest = commits / (double) lifecycle;
        ObjectNode result = report.putObject("lifecycle");
        result.put("requests", lifecycle);
        result.put("answered", answered);
        result.put("seconds", seconds(finished - started));
        result.put("requestsPerSecond", round(perSecond));
        result.put("commits", commits);
        result.put("commitsPerRequest", round(commitsPerRequest));
        result.put("errors", errors);
        result.put("failedCompletions", calls.get("failedCompletions").get());
        ObjectNode cpu = result.putObject("cpuMsPerRequest");
        cpu.put("application", round(1000 * spent.get("cpuSeconds").get("application").asDouble() / lifecycle));
        cpu.put("postgres", round(1000 * spent.get("cpuSeconds").get("postgres").asDouble() / lifecycle));
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
        return workers.completions();
    }

    /**
     * The same lifecycle's shape in plain Camunda: four registering clients start instances through the REST API,
     * the same Tasklist users (2 per department, 2 reviewers) read each task's form variables and submit it.
     */
    private List<double[]> plainLifecycle(AppNode node, PlainCamunda plain, Db db) throws Exception {
        WhereTimeGoes time = new WhereTimeGoes(node.pid(), db);
        long endedBefore = ended(db, PlainCamunda.LIFECYCLE);
        long commitsBefore = db.commits();
        long jobsBefore = db.count("select count(*) from act_hi_job_log where job_state_ = 2");
        long failuresBefore = db.count("select count(*) from act_hi_job_log where job_state_ = 1");
        long started = System.nanoTime();
        Map<String, AtomicLong> calls = calls();
        Workers workers = new Workers(node, started, calls, group -> PlainCamunda.submission());
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            workers.register(() -> {
                Http http = node.http();
                int errors = 0;
                for (int i = next.getAndIncrement(); i < lifecycle; i = next.getAndIncrement()) {
                    errors += plain.start(http, PlainCamunda.LIFECYCLE, "plife-" + i).status() == 201 ? 0 : 1;
                    calls.get("registrations").incrementAndGet();
                }
                return errors;
            });
        }
        workers.startTasklistUsers();
        long finished = awaitEnded(db, PlainCamunda.LIFECYCLE, endedBefore + lifecycle, Duration.ofMinutes(20));
        int errors = workers.stop();
        long commits = db.commits() - commitsBefore;
        ObjectNode spent = json.createObjectNode();
        time.report(spent);
        double perSecond = lifecycle / ((finished - started) / 1e9);
        ObjectNode result = report.putObject("plainLifecycle");
        result.put("requests", lifecycle);
        result.put("seconds", seconds(finished - started));
        result.put("requestsPerSecond", round(perSecond));
        result.put("commits", commits);
        result.put("commitsPerRequest", round(commits / (double) lifecycle));
        result.put("errors", errors);
        result.put("failedCompletions", calls.get("failedCompletions").get());
        ObjectNode cpu = result.putObject("cpuMsPerRequest");
        cpu.put("application", round(1000 * spent.get("cpuSeconds").get("application").asDouble() / lifecycle));
        cpu.put("postgres", round(1000 * spent.get("cpuSeconds").get("postgres").asDouble() / lifecycle));
        ObjectNode perRequest = result.putObject("callsPerRequest");
        calls.forEach((name, count) -> perRequest.put(name, round(count.get() / (double) lifecycle)));
        result.put("jobsExecuted", db.count("select count(*) from act_hi_job_log where job_state_ = 2") - jobsBefore);
        result.put("jobFailures", db.count("select count(*) from act_hi_job_log where job_state_ = 1") - failuresBefore);
        result.set("whereTheTimeGoes", spent);
        result.put("what", "process " + PlainCamunda.LIFECYCLE + ": 4 parallel user tasks (asyncAfter), a review task, "
                + "an asynchronous service task; started through the REST API, completed through Tasklist's API");
        return workers.completions();
    }

    private static Map<String, AtomicLong> calls() {
        Map<String, AtomicLong> calls = new java.util.LinkedHashMap<>();
        for (String name : List.of("registrations", "taskListPolls", "formReads", "formSubmits", "failedCompletions", "logIns")) {
            calls.put(name, new AtomicLong());
        }
        return calls;
    }

    /** The clients of a lifecycle phase: registering clients and the Tasklist users of each group. */
    private final class Workers {
        private final AppNode node;
        private final long started;
        private final Map<String, AtomicLong> calls;
        private final java.util.function.Function<String, String> submission;
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicInteger completed = new AtomicInteger();
        private final List<double[]> completions = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService pool = Executors.newFixedThreadPool(DEPARTMENTS.size() * 2 + 2 + 4);
        private final List<Future<Integer>> running = new ArrayList<>();

        Workers(AppNode node, long started, Map<String, AtomicLong> calls, java.util.function.Function<String, String> submission) {
            this.node = node;
            this.started = started;
            this.calls = calls;
            this.submission = submission;
        }

        void register(java.util.concurrent.Callable<Integer> client) {
            running.add(pool.submit(client));
        }

        /** Departments and reviewers, as Tasklist: logged in once, the filter's list, the form, submit. */
        void startTasklistUsers() {
            for (String group : withPrivacy()) {
                int instances = 2;
                for (int w = 0; w < instances; w++) {
                    int worker = w;
                    running.add(pool.submit(() -> work(node, group, worker, instances, done, completed, completions, started, calls,
                            submission.apply(group))));
                }
            }
        }

        /** Stops the Tasklist users; returns the errors of all clients. */
        int stop() throws Exception {
            done.set(true);
            int errors = 0;
            for (Future<Integer> worker : running) {
                errors += worker.get();
            }
            pool.shutdown();
            return errors;
        }

        /** Task completions per second of the phase: [second, completions in it]. */
        List<double[]> completions() {
            List<double[]> rate = new ArrayList<>();
            synchronized (completions) {
                Map<Long, Integer> perSecond = new java.util.TreeMap<>();
                completions.forEach(point -> perSecond.merge((long) point[0], 1, Integer::sum));
                perSecond.forEach((second, count) -> rate.add(new double[] {second, count}));
            }
            return rate;
        }
    }

    private int work(AppNode node, String group, int worker, int workers, AtomicBoolean done, AtomicInteger completed,
                     List<double[]> completions, long started, Map<String, AtomicLong> calls, String body) {
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
                // As Tasklist asks for a Camunda Form's variables: serialized, not deserialized (camunda-tasklist-ui)
                http.get(api + "/task/" + id + "/form-variables?deserializeValues=false", "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
                calls.get("formReads").incrementAndGet();
                Http.Response submitted = http.postJson(api + "/task/" + id + "/submit-form", body, "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
                calls.get("formSubmits").incrementAndGet();
                if (submitted.status() == 204) {
                    worked++;
                    completions.add(new double[] {(System.nanoTime() - started) / 1e9, completed.incrementAndGet()});
                } else if (submitted.status() != 404) {
                    errors++;
                    calls.get("failedCompletions").incrementAndGet();
                    log.warn("{}: completing a task answered {}: {}", group, submitted.status(),
                            submitted.body().substring(0, Math.min(300, submitted.body().length())));
                }
            }
            if (worked == 0) {
                AppNode.pause(200);
            }
        }
        return errors;
    }

    // 5. dsr-flow ÷ plain Camunda ---------------------------------------------------------------

    private ObjectNode versusPlain() {
        ObjectNode ratios = json.createObjectNode();
        JsonNode intake = report.get("intake");
        JsonNode plainIntake = report.get("plainIntake");
        JsonNode life = report.get("lifecycle");
        JsonNode plainLife = report.get("plainLifecycle");
        ratios.put("what", "dsr-flow divided by plain Camunda of the same shape, same engine, database and clients, this run");
        ObjectNode in = ratios.putObject("intake");
        in.put("throughput", ratio(intake.get("requestsPerSecond"), plainIntake.get("requestsPerSecond")));
        in.put("p99UnderTheBurst", ratio(intake.get("p99Ms"), plainIntake.get("p99Ms")));
        in.put("applicationCpuPerRequest", ratio(intake.at("/perRequestUntilItsJobsAreDone/applicationCpuMs"),
                plainIntake.at("/perRequestUntilItsJobsAreDone/applicationCpuMs")));
        in.put("postgresCpuPerRequest", ratio(intake.at("/perRequestUntilItsJobsAreDone/postgresCpuMs"),
                plainIntake.at("/perRequestUntilItsJobsAreDone/postgresCpuMs")));
        in.put("commitsPerRequest", ratio(intake.at("/perRequestUntilItsJobsAreDone/commits"),
                plainIntake.at("/perRequestUntilItsJobsAreDone/commits")));
        in.put("errors", intake.get("errors").asLong() + " / " + plainIntake.get("errors").asLong());
        ObjectNode lc = ratios.putObject("lifecycle");
        lc.put("throughput", ratio(life.get("requestsPerSecond"), plainLife.get("requestsPerSecond")));
        lc.put("applicationCpuPerRequest", ratio(life.at("/cpuMsPerRequest/application"), plainLife.at("/cpuMsPerRequest/application")));
        lc.put("postgresCpuPerRequest", ratio(life.at("/cpuMsPerRequest/postgres"), plainLife.at("/cpuMsPerRequest/postgres")));
        lc.put("commitsPerRequest", ratio(life.get("commitsPerRequest"), plainLife.get("commitsPerRequest")));
        lc.put("failedCompletions", life.get("failedCompletions").asLong() + " / " + plainLife.get("failedCompletions").asLong());
        return ratios;
    }

    private static double ratio(JsonNode dsrFlow, JsonNode plain) {
        return plain.asDouble() == 0 ? Double.NaN : Math.round(100 * dsrFlow.asDouble() / plain.asDouble()) / 100.0;
    }

    /** Ended instances of a plain process so far (from the engine's history). */
    private static long ended(Db db, String key) throws Exception {
        return db.count("select count(*) from act_hi_procinst where proc_def_key_ = '" + key + "' and end_time_ is not null");
    }

    /** Waits until {@code count} instances of {@code key} have ended; returns when (nanoTime). */
    private static long awaitEnded(Db db, String key, long count, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (ended(db, key) >= count) {
                return System.nanoTime();
            }
            AppNode.pause(100);
        }
        throw new AssertionError(count + " instances of " + key + " not ended after " + timeout);
    }

    // 6. history growth -------------------------------------------------------------------------

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
        JsonNode versus = report.get("versusPlain");
        targets.put("intake >= 0.9 of plain Camunda", versus.at("/intake/throughput").asDouble() >= 0.9);
        targets.put("intake 0 errors", intake.get("errors").asLong() == 0);
        targets.put("lifecycle >= 0.5 of plain Camunda", versus.at("/lifecycle/throughput").asDouble() >= 0.5);
        targets.put("lifecycle 0 failed completions", report.at("/lifecycle/failedCompletions").asLong() == 0);
        for (JsonNode rate : report.at("/openLoop/rates")) {
            if (rate.get("perSecond").asInt() == 50) {
                targets.put("intake p99 <= 150 ms at an open-loop 50/s", rate.at("/dsrFlow/p99Ms").asDouble() <= 150);
            }
        }
        targets.put("last acknowledgement of 10,000 <= 5 min", requests >= 10_000
                && intake.get("lastAcknowledgementAfterFirstSubmissionSeconds").asDouble() <= 300);
        JsonNode largest = report.get("history").get(report.get("history").size() - 1);
        targets.put("SLA figures <= 200 ms at " + largest.get("closedRequests").asLong(), largest.get("slaFiguresMs").asDouble() <= 200);
        targets.put("department task list <= 100 ms at " + largest.get("closedRequests").asLong(),
                largest.get("departmentTaskListMs").asDouble() <= 100);
        targets.put("start-up <= 10 s", report.get("startup").get("springBootSeconds").asDouble() <= 10);
        targets.put("resident memory <= 600 MiB", report.get("memory").get("residentMiBAfterRun").asLong() <= 600);
        return targets;
    }

    /**
     * One panel per phase, each with its own unit, dsr-flow and plain Camunda side by side: the burst's requests per
     * second, the burst's p99 latency per second, the intake latency at fixed arrival rates, lifecycle task completions
     * per second.
     */
    private void chart(Map<String, List<double[]>> series) throws Exception {
        List<Chart<?, ?>> panels = new ArrayList<>();
        XYChart rate = panel("Intake burst (16 clients): requests answered per second", "seconds since the burst began", "requests/s");
        add(rate, "dsr-flow", series.get("intake dsr-flow"), 1, DSR_FLOW);
        add(rate, "plain Camunda", series.get("intake plain"), 1, PLAIN);
        panels.add(rate);
        XYChart p99 = panel("Intake burst: p99 latency of the requests answered in each second", "seconds since the burst began", "ms");
        add(p99, "dsr-flow", series.get("intake dsr-flow"), 2, DSR_FLOW);
        add(p99, "plain Camunda", series.get("intake plain"), 2, PLAIN);
        panels.add(p99);
        CategoryChart open = new CategoryChartBuilder().width(700).height(420)
                .title("Intake latency: fixed arrival rates and the burst").xAxisTitle("arrivals").yAxisTitle("ms").build();
        open.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        List<String> categories = new ArrayList<>();
        List<Double> dsrP50 = new ArrayList<>();
        List<Double> dsrP99 = new ArrayList<>();
        List<Double> plainP50 = new ArrayList<>();
        List<Double> plainP99 = new ArrayList<>();
        for (JsonNode at : report.at("/openLoop/rates")) {
            categories.add(at.get("perSecond").asInt() + "/s (open loop)");
            dsrP50.add(at.at("/dsrFlow/p50Ms").asDouble());
            dsrP99.add(at.at("/dsrFlow/p99Ms").asDouble());
            plainP50.add(at.at("/plain/p50Ms").asDouble());
            plainP99.add(at.at("/plain/p99Ms").asDouble());
        }
        categories.add("burst, " + CLIENTS + " clients");
        dsrP50.add(report.at("/intake/p50Ms").asDouble());
        dsrP99.add(report.at("/intake/p99Ms").asDouble());
        plainP50.add(report.at("/plainIntake/p50Ms").asDouble());
        plainP99.add(report.at("/plainIntake/p99Ms").asDouble());
        open.addSeries("dsr-flow p50", categories, dsrP50).setFillColor(new java.awt.Color(0x9ecae1));
        open.addSeries("dsr-flow p99", categories, dsrP99).setFillColor(new java.awt.Color(0x2171b5));
        open.addSeries("plain p50", categories, plainP50).setFillColor(new java.awt.Color(0xfdd0a2));
        open.addSeries("plain p99", categories, plainP99).setFillColor(new java.awt.Color(0xd94801));
        panels.add(open);
        XYChart life = panel("Lifecycle: task completions per second (" + lifecycle + " requests)", "seconds since the phase began",
                "completions/s");
        add(life, "dsr-flow", series.get("lifecycle dsr-flow"), 1, DSR_FLOW);
        add(life, "plain Camunda", series.get("lifecycle plain"), 1, PLAIN);
        panels.add(life);
        BitmapEncoder.saveBitmap(panels, 2, 2, OUT.resolve("chart").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart panel(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(700).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static final java.awt.Color DSR_FLOW = new java.awt.Color(0x2171b5);
    private static final java.awt.Color PLAIN = new java.awt.Color(0xd94801);

    private static void add(XYChart chart, String name, List<double[]> points, int column, java.awt.Color color) {
        if (points == null || points.isEmpty()) {
            return;
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[column]).toArray();
        chart.addSeries(name, x, y).setLineColor(color);
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
