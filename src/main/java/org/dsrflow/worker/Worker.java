package org.dsrflow.worker;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.ProcessingRegisterSource;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.SystemsCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The separate worker process, for systems in another network than the engine (workers next to the data, the engine on
 * its cluster). Reads the same processing register as the application ({@code dsr.register-location}, else
 * {@code ./config/processing-register.yaml}), serves the systems whose {@code worker} is its {@code dsr.worker.name}, and
 * subscribes with Camunda's external task client to their topics against the engine's REST API; each task's work comes
 * from, and its outcome goes to, the application's staff API ({@link SystemTaskHandler}). Starts neither the engine nor a
 * web server; stops on SIGTERM after the task in hand. One command, from the application's jar:
 * <pre>
 * java -Dloader.main=org.dsrflow.worker.Worker -cp dsr-flow.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --dsr.worker.name=warehouse --dsr.worker.engine-url=https://privacy.example.org/engine-rest
 * </pre>
 */
public final class Worker {

    /** The lock a fetch takes; the handler extends it to the system's own lock duration once it knows the system. */
    static final long FETCH_LOCK_MILLIS = 60_000;
    /** The first wait after an empty fetch; each further one doubles, up to the poll interval. */
    private static final long FIRST_WAIT_MILLIS = 250;

    private final ExternalTaskClient client;
    private final Connectors connectors;

    private Worker(ExternalTaskClient client, Connectors connectors) {
        this.client = client;
        this.connectors = connectors;
    }

    public static void main(String[] args) throws InterruptedException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        LoggingSystem logging = LoggingSystem.get(Worker.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        // The client's start-up notes (data formats found) are noise here; its failures are warnings and errors.
        logging.setLogLevel("org.camunda.bpm.client", LogLevel.WARN);
        Logger log = LoggerFactory.getLogger(Worker.class);
        Worker worker;
        try {
            worker = start(environment);
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.error("The worker did not start. {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: the task in hand is finished, then the connections are closed");
            worker.stop();
            log.info("Stopped");
            stopped.countDown();
        }, "dsr-worker-stop"));
        stopped.await();
    }

    /** Reads settings and register, checks the systems it serves, and subscribes to their topics. */
    static Worker start(StandardEnvironment environment) {
        WorkerSettings settings = WorkerSettings.from(environment);
        new ProcessingRegisterSource().postProcessEnvironment(environment, null);
        DsrProperties.Organisation organisation = Binder.get(environment).bind("dsr.organisation", DsrProperties.Organisation.class)
                .orElseThrow(() -> new IllegalStateException("The processing register has no dsr.organisation."));
        List<String> problems = SystemsCheck.problems(organisation, environment, Set.of(settings.name()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The register's systems (dsr.organisation.departments.*.systems) are invalid:\n  - "
                    + String.join("\n  - ", problems));
        }
        Connectors connectors = Connectors.standalone(organisation, environment);
        List<DataSystem> served = organisation.departments().keySet().stream().flatMap(department -> connectors.systemsOf(department).stream())
                .filter(system -> settings.name().equals(system.worker())).toList();
        if (served.isEmpty()) {
            connectors.destroy();
            throw new IllegalStateException("No system of the register has worker: " + settings.name()
                    + " (dsr.organisation.departments.<department>.systems.<system>.worker).");
        }
        Set<String> topics = new LinkedHashSet<>();
        served.forEach(system -> topics.add(system.topic()));

        ExternalTaskClient client = ExternalTaskClient.create()
                .baseUrl(settings.engineUrl().toString())
                .workerId(settings.username())
                // One task at a time: a stopped worker leaves no fetched task waiting for its lock to run out.
                .maxTasks(1)
                .lockDuration(FETCH_LOCK_MILLIS)
                .backoffStrategy(new ExponentialBackoffStrategy(FIRST_WAIT_MILLIS, 2, settings.pollInterval().toMillis()))
                .addInterceptor(new BasicAuthProvider(settings.username(), settings.password()))
                .disableAutoFetching()
                .build();
        SystemTaskHandler handler = new SystemTaskHandler(settings.name(), connectors,
                new StaffApi(settings.apiUrl(), settings.username(), settings.password()));
        // No process variable is fetched: the staff API finds the task's run by the task's id.
        topics.forEach(topic -> client.subscribe(topic).lockDuration(FETCH_LOCK_MILLIS).variables().handler(handler).open());
        client.start();
        LoggerFactory.getLogger(Worker.class).info("Worker {} serves {} on topics {}; engine {}, staff API {}, as {}", settings.name(),
                served.stream().map(system -> system.id() + " (" + system.kind().name().toLowerCase(java.util.Locale.ROOT) + ")").toList(),
                topics, settings.engineUrl(), settings.apiUrl(), settings.username());
        return new Worker(client, connectors);
    }

    void stop() {
        client.stop();
        connectors.destroy();
    }
}
