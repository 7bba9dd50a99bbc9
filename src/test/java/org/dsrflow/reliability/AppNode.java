package org.dsrflow.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.dsrflow.testsupport.Http;

/**
 * One dsr-flow node: the packaged jar as a separate process with the prod profile, on the test's
 * PostgreSQL and SMTP sink. It can be killed (SIGKILL), stopped (SIGTERM) and started again under
 * the same node id, as an operator would.
 */
final class AppNode implements AutoCloseable {

    static final String ADMIN_PASSWORD = "it-admin-password-1";
    static final Path LOGS = Path.of("target", "it-logs");

    private final String name;
    private final int port;
    private final Map<String, String> settings = new TreeMap<>();
    private Process process;
    private int starts;
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> RUNS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private String logName;
    /** One random files key per test run, the same for every node (they share the database). */
    private static final String FILES_KEY = randomKey();
    /**
     * A node's recommended heap and collector; C1 only (as the test JVM): the reliability tests check
     * behaviour, not speed, and a start costs half the CPU without C2 (the benchmark keeps C2).
     */
    private List<String> jvmOptions = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    AppNode(String name, String jdbcUrl, int smtpPort) throws IOException {
        this.name = name;
        this.port = freePort();
        settings.put("spring.profiles.active", "prod");
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "postgres");
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", Integer.toString(smtpPort));
        settings.put("dsr.admin.password", ADMIN_PASSWORD);
        // The prod profile refuses to start without a files key of its own; nodes on one database share it.
        settings.put("dsr.files.encryption-key", FILES_KEY);
        settings.put("dsr.node-id", name);
        settings.put("dsr.public-base-url", "http://localhost:" + port);
        settings.put("server.forward-headers-strategy", "none");
        // This computer's http address: the test clients keep cookies that are not limited to https.
        settings.put("server.servlet.session.cookie.secure", "false");
        settings.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "false");
        settings.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "false");
        settings.put("dsr.mail.retry-cycle", "R3/PT2S");
        settings.put("dsr.rate-limits.submissions-per-hour", "1000000");
        settings.put("dsr.rate-limits.confirmations-per-hour", "1000000");
        settings.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
        settings.put("camunda.bpm.job-execution.max-wait", "1000");
        Files.createDirectories(LOGS);
    }

    /** The JVM's options, instead of the tests' default (a 512 MiB heap, the serial collector, C1 only). */
    AppNode jvm(List<String> options) {
        jvmOptions = List.copyOf(options);
        return this;
    }

    AppNode set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Http http() {
        return new Http(port);
    }

    /** Starts the jar (again); returns at once. */
    AppNode start() throws IOException {
        List<String> command = new ArrayList<>();
        // it.nice (set by the build): the nodes yield the CPU to the other tests, which run beside them
        // on this machine and wait for nothing else; the benchmark leaves it unset.
        String nice = System.getProperty("it.nice");
        if (nice != null && new File("/usr/bin/nice").canExecute()) {
            command.addAll(List.of("/usr/bin/nice", "-n", nice));
        }
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        starts++;
        // Numbered per name across instances, so two processes with one node id keep separate logs.
        logName = name + "-" + RUNS.computeIfAbsent(name, key -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet() + ".log";
        File log = LOGS.resolve(logName).toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return this;
    }

    /** Waits until the node answers its health check with UP. */
    AppNode awaitUp(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + LOGS);
            }
            try {
                if (http().get("/actuator/health").status() == 200) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            pause(200);
        }
        throw new IllegalStateException(name + " not up after " + timeout + "; see " + LOGS);
    }

    /** Staff accounts, one per group ({@code <group>1}), created through the REST API by the administrator as in Camunda Admin. */
    void createStaff(List<String> groups, String password) {
        Http http = http();
        String admin = Http.basic("admin", ADMIN_PASSWORD);
        for (String group : groups) {
            String user = group + "1";
            int created = http.postJson("/engine-rest/user/create", """
                    {"profile": {"id": "%s", "firstName": "%s", "lastName": "Staff", "email": "%s@example.org"},
                     "credentials": {"password": "%s"}}""".formatted(user, group, user, password), "Authorization", admin).status();
            int member = http.put("/engine-rest/group/" + group + "/members/" + user, "", "Authorization", admin).status();
            if (created != 204 || member != 204) {
                throw new IllegalStateException("could not create " + user + ": " + created + "/" + member);
            }
        }
    }

    /** SIGKILL: the process dies at once, in the middle of whatever it does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns how long the process took to exit (fails after {@code limit}). */
    Duration terminate(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + limit.plusSeconds(5) + " of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the process, from /proc (KiB). */
    long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /** The file name (in {@link #LOGS}) of this process's current log. */
    String logName() {
        return logName;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jar() {
        // it.jar: another build to try the same tests against (e.g. an earlier commit's jar).
        String jar = System.getProperty("it.jar", System.getProperty("app.jar"));
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the packaged jar (system property app.jar) is missing: run ./mvnw verify");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
