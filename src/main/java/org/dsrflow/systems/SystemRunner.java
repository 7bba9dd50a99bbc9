package org.dsrflow.systems;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.connectors.ActionResult;
import org.dsrflow.connectors.ConnectorException;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.Identity;
import org.dsrflow.connectors.Operation;
import org.dsrflow.connectors.SearchResult;
import org.dsrflow.process.RoutedCategories;
import org.dsrflow.process.SystemTasks;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one locked system task: its run's search or confirmed action through the {@link Connectors} (outside any
 * transaction: a slow system never holds the engine's), then in one transaction records the outcome, completes the
 * task and, when it was the department's last search, opens the department's task. A failure is retried by the engine
 * with the system's back-off; with no retries left it is a Cockpit incident naming the system and the reason (never the
 * person), and the department's task opens anyway. The worker inside the application calls it; so does the staff API a
 * separate worker process reports to ({@link #work} and {@link #record}).
 */
@Component
public class SystemRunner {

    private static final Logger log = LoggerFactory.getLogger(SystemRunner.class);

    /** What a worker needs to carry out a run: the run, its system, who is searched for, and for an action the confirmed rows and values. */
    public record Work(SystemRunRepository.Run run, DataSystem system, List<String> categories, Identity identity,
                       List<Map<String, Object>> rows, Map<String, String> values) {

        @Override
        public String toString() { // the identity and rows are personal data
            return "Work[run " + run.id() + ", " + system.id() + ", " + run.kind() + "]";
        }
    }

    /** A run's result as a worker reports it: the rows per category a search found, or what an action did. */
    public record Outcome(List<SearchResult> found, ActionResult done, String skipped) {

        static Outcome skipped(String why) {
            return new Outcome(List.of(), null, why);
        }
    }

    private final SystemRunRepository runs;
    private final Connectors connectors;
    private final RequestRepository requests;
    private final SystemTasks tasks;
    private final DsrProperties.Organisation organisation;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SystemRunner(SystemRunRepository runs, Connectors connectors, RequestRepository requests, SystemTasks tasks,
                 DsrProperties properties, TransactionTemplate transaction, Clock clock) {
        this.runs = runs;
        this.connectors = connectors;
        this.requests = requests;
        this.tasks = tasks;
        this.organisation = properties.organisation();
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Runs a task the worker inside the application locked. */
    void run(SystemTasks.Locked task) {
        Optional<Work> work = work(task);
        if (work.isEmpty()) {
            return;
        }
        Work job = work.get();
        if (!job.system().lockDuration().equals(SystemWorker.FETCH_LOCK)) {
            tasks.extendLock(task.id(), task.workerId(), job.system().lockDuration());
        }
        long started = System.nanoTime();
        try {
            Outcome outcome = carryOut(job);
            record(task, outcome);
            log.info("System {}: {} run {} done in {} ms", job.system().id(), job.run().kind(), job.run().id(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ConnectorException e) {
            failed(task, e.reason());
        } catch (RuntimeException e) {
            // An unexpected failure: its message may quote a value, so only its kind is kept.
            log.warn("System {}: {} run {} failed unexpectedly: {}", job.system().id(), job.run().kind(), job.run().id(),
                    e.getClass().getName());
            failed(task, "unexpected " + e.getClass().getSimpleName());
        }
    }

    /**
     * What the task's run needs, or empty when there is nothing left to do (the run already has its outcome: the task is
     * completed; the system left the register: the task is failed for good).
     */
    public Optional<Work> work(SystemTasks.Locked task) {
        Optional<SystemRunRepository.Run> found = runs.find(task.run());
        // Done, or not to be done (a rectification without its values): nothing to run. A failed run whose incident was
        // retried in Cockpit runs again.
        if (found.isEmpty() || found.get().status() == SystemRunRepository.Status.DONE
                || found.get().status() == SystemRunRepository.Status.SKIPPED) {
            transaction.executeWithoutResult(status -> tasks.complete(task.id(), task.workerId()));
            return Optional.empty();
        }
        SystemRunRepository.Run run = found.get();
        Optional<DataSystem> system = connectors.system(run.systemId());
        if (system.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                tasks.fail(task.id(), task.workerId(), "System " + run.systemId() + " is no longer in the register", 0, Duration.ZERO);
                settle(lockForSettling(run.id()), SystemRunRepository.Status.FAILED, false, null, "no longer in the register");
            });
            return Optional.empty();
        }
        DsrRequest request = requests.findById(run.requestId()).orElseThrow();
        Identity identity = request.hasEmail() ? new Identity(request.requesterEmail(), request.requesterName()) : null;
        List<String> categories = run.category() != null ? List.of(run.category())
                : RoutedCategories.of(request.type(), organisation, request.categories()).stream().filter(system.get()::holds).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, String> values = Map.of();
        if (run.kind() != SystemRunRepository.Kind.SEARCH) {
            rows = confirmedRows(run);
            values = runs.corrections(run.requestId(), run.systemId(), run.category());
        }
        return Optional.of(new Work(run, system.get(), categories, identity, rows, values));
    }

    /** The rows the department's search of this system found in the run's category and did not exclude. */
    private List<Map<String, Object>> confirmedRows(SystemRunRepository.Run action) {
        return runs.ofDepartment(action.requestId(), action.department()).stream()
                .filter(run -> run.kind() == SystemRunRepository.Kind.SEARCH && run.systemId().equals(action.systemId())
                        && run.status() == SystemRunRepository.Status.DONE)
                .reduce((first, second) -> second).map(search -> runs.rows(search.id()).stream()
                        .filter(row -> row.category().equals(action.category()) && !row.excluded())
                        .map(SystemRunRepository.Row::fields).toList())
                .orElse(List.of());
    }

    /** Searches or acts in the system (no transaction, no engine). */
    Outcome carryOut(Work work) {
        if (work.identity() == null) {
            return Outcome.skipped("not searched: the request has no email address to search by");
        }
        Optional<Operation> operation = work.run().kind().operation();
        if (operation.isEmpty()) {
            List<SearchResult> found = new ArrayList<>();
            for (String category : work.categories()) {
                found.add(connectors.search(work.system(), category, work.identity()));
            }
            return new Outcome(found, null, null);
        }
        return new Outcome(List.of(), connectors.act(work.system(), work.run().category(), operation.get(), work.identity(),
                work.rows(), work.values()), null);
    }

    /** Records a run's outcome, completes its task and opens the department's task after its last search: one transaction. */
    public void record(SystemTasks.Locked task, Outcome outcome) {
        transaction.executeWithoutResult(status -> {
            SystemRunRepository.Run run = lockForSettling(task.run());
            if (run.status() != SystemRunRepository.Status.DONE && run.status() != SystemRunRepository.Status.SKIPPED) {
                if (outcome.skipped() != null) {
                    settle(run, SystemRunRepository.Status.SKIPPED, false, null, outcome.skipped());
                } else if (outcome.done() != null) {
                    ActionResult done = outcome.done();
                    String calls = done.calls().isEmpty() ? done.rowsAffected() + " rows affected"
                            : done.calls().size() + " calls: " + String.join("; ", done.calls().stream().map(Object::toString).toList());
                    settle(run, SystemRunRepository.Status.DONE, false,
                            (int) Math.min(Integer.MAX_VALUE, done.calls().isEmpty() ? done.rowsAffected() : done.calls().size()), calls);
                } else {
                    boolean truncated = false;
                    int count = 0;
                    for (SearchResult result : outcome.found()) {
                        runs.replaceRows(run.id(), run.requestId(), result.category(), result.rows());
                        truncated |= result.truncated();
                        count += result.rows().size();
                    }
                    settle(run, SystemRunRepository.Status.DONE, truncated, count, count + " records found" + (truncated ? " (capped)" : ""));
                }
            }
            tasks.complete(task.id(), task.workerId());
        });
    }

    /** A failed attempt: the engine retries after the back-off; the last one is an incident and settles the run. */
    public void failed(SystemTasks.Locked task, String reason) {
        transaction.executeWithoutResult(status -> {
            SystemRunRepository.Run run = lockForSettling(task.run());
            DataSystem system = connectors.system(run.systemId()).orElseThrow();
            runs.attempted(run.id());
            int retriesLeft = task.retries() == null ? system.retries() : Math.max(0, task.retries() - 1);
            // The last attempt waits for nothing: a retry from Cockpit runs at once.
            Duration backoff = retriesLeft == 0 ? Duration.ZERO : system.retryBackoff().multipliedBy(1L << Math.min(16, run.attempts()));
            String message = "System " + system.id() + " (" + system.name() + "), " + run.kind().name().toLowerCase()
                    + (retriesLeft == 0 ? ", given up after " + (run.attempts() + 1) + " attempts: " : ": ") + reason;
            tasks.fail(task.id(), task.workerId(), message, retriesLeft, backoff);
            log.warn("System {}: {} run {} failed ({} retries left): {}", system.id(), run.kind(), run.id(), retriesLeft, reason);
            if (retriesLeft == 0) {
                settle(run, SystemRunRepository.Status.FAILED, false, null, reason);
            }
        });
    }

    /**
     * Locks the run before it is settled: a search with all its department's runs, in id order (whoever settles the
     * department's last search sees the others settled, and two workers never deadlock), an action by itself.
     */
    private SystemRunRepository.Run lockForSettling(long runId) {
        SystemRunRepository.Run run = runs.find(runId).orElseThrow();
        if (run.kind() != SystemRunRepository.Kind.SEARCH) {
            return runs.lock(runId).orElseThrow();
        }
        return runs.lockDepartment(run.requestId(), run.department()).stream().filter(locked -> locked.id() == runId)
                .findFirst().orElseThrow();
    }

    /**
     * Settles a run (locked by {@link #lockForSettling}); a search that was its department's last opens the department's
     * task. Inside the caller's transaction.
     */
    private void settle(SystemRunRepository.Run run, SystemRunRepository.Status status, boolean truncated, Integer affected, String outcome) {
        runs.settle(run.id(), status, truncated, affected, outcome, clock.instant());
        if (run.kind() == SystemRunRepository.Kind.SEARCH && runs.ofDepartment(run.requestId(), run.department()).stream()
                .filter(other -> other.kind() == SystemRunRepository.Kind.SEARCH)
                .allMatch(SystemRunRepository.Run::settled)) {
            requests.findById(run.requestId()).map(DsrRequest::processInstanceId)
                    .ifPresent(instance -> tasks.searchesDone(instance, run.department()));
        }
    }
}
