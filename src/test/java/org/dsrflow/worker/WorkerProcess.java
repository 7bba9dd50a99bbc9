package org.dsrflow.worker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The separate worker process as an operator starts it: the packaged jar (system property {@code app.jar}) with its one
 * command, its settings as arguments, its secrets in the environment, its output in {@code target/it-logs/worker-N.log}.
 * Stopped with SIGTERM as a service manager does.
 */
final class WorkerProcess implements AutoCloseable {

    static final String COMMAND_MAIN = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code java -Dloader.main=org.dsrflow.worker.Worker -cp dsr-flow.jar PropertiesLauncher --key=value ...} */
    static WorkerProcess start(Map<String, String> arguments, Map<String, String> environment) {
        String jar = System.getProperty("app.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the packaged jar (system property app.jar) is missing: run ./mvnw verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dloader.main=" + Worker.class.getName(), "-cp", jar, COMMAND_MAIN));
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve("worker-" + RUNS.incrementAndGet() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new WorkerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("the worker process did not start", e);
        }
    }

    /** What the process has written so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits for the process to end; true when it ended within {@code timeout}. */
    boolean stop(Duration timeout) {
        process.destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive() && !stop(Duration.ofSeconds(30))) {
            process.destroyForcibly();
        }
    }
}
