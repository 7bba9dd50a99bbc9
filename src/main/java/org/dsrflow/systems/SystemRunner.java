package org.dsrflow.systems;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
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
 * transaction: a slow system never holds the engine's), then records the outcome in one transaction and, in a second,
 * completes the task and, when it was the department's last search, opens the department's task (the outcome is kept even
 * if the engine's part must be tried again: a system is never changed twice for one confirmation). A failure is retried
 * by the engine with the system's back-off; with no retries left it is a Cockpit incident naming the system and the
 * reason (never the person), and the department's task opens anyway. The worker inside the application calls it; so does
 * the staff API a separate worker process reports to ({@link #work}, {@link #record}, {@link #failed}).
 */
@Component
public class SystemRunner {

    private static final Logger log = LoggerFactory.getLogger(SystemRunner.class);
    private static final int ENGINE_ATTEMPTS = 3;

    /**
     * What a worker needs to carry out a run: the run, its system, who is searched for, and for an action the confirmed
     * rows not yet done (with their ids) and the corrected values.
     */
    public record Work(SystemRunRepository.Run run, DataSystem system, List<String> categories, Identity identity,
                       List<Map<String, Object>> rows, Map<String, String> values, List<Long> rowIds) {

        @Override
        public String toString() { // the identity and rows are personal data
            return "Work[run " + run.id() + ", " + system.id() + ", " + run.kind() + "]";
        }
    }

    /**
     * A run's result as a worker reports it: the rows per category a search found, or what an action did and how many
     * records it changed, or why it did not run.
     */
    public record Outcome(List<SearchResult> found, ActionResult done, Integer changed, String skipped) {

        static Outcome skipped(String why) {
            return new Outcome(List.of(), null, null, why);
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
        Outcome outcome;
        try {
            outcome = carryOut(job);
        } catch (ConnectorException e) {
            failed(task, e.reason());
            return;
        } catch (IllegalArgumentException e) {
            // The request lacks a value the register's steps need (e.g. a name): trying again would not help.
            failedForGood(task, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // An unexpected failure: its message may quote a value, so only its kind is kept.
            log.warn("System {}: {} run {} failed unexpectedly: {}", job.system().id(), job.run().kind(), job.run().id(),
                    e.getClass().getName());
            failed(task, "unexpected " + e.getClass().getSimpleName());
            return;
        }
        record(task, outcome);
        log.info("System {}: {} run {} done in {} ms", job.system().id(), job.run().kind(), job.run().id(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * What the task's run needs, or empty when there is nothing left to do: the run already has its outcome (done, not to
     * run, or abandoned: the task is completed), or its system left the register (the task fails for good). A failed run
     * whose incident was retried in Cockpit runs again.
     */
    public Optional<Work> work(SystemTasks.Locked task) {
        Optional<SystemRunRepository.Run> found = runs.find(task.run());
        if (found.isEmpty() || found.get().status() == SystemRunRepository.Status.DONE
                || found.get().status() == SystemRunRepository.Status.SKIPPED
                || found.get().status() == SystemRunRepository.Status.ABANDONED) {
            finish(task, found.orElse(null));
            return Optional.empty();
        }
        SystemRunRepository.Run run = found.get();
        Optional<DataSystem> system = connectors.system(run.systemId());
        if (system.isEmpty()) {
            failedForGood(task, "no longer in the register");
            return Optional.empty();
        }
        DsrRequest request = requests.findById(run.requestId()).orElseThrow();
        List<String> categories = run.category() != null ? List.of(run.category())
                : RoutedCategories.of(request.type(), organisation, request.categories()).stream().filter(system.get()::holds).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Long> rowIds = new ArrayList<>();
        Map<String, String> values = Map.of();
        if (run.kind() != SystemRunRepository.Kind.SEARCH) {
            // The rows the department kept from its last finished search, less those an earlier attempt already did.
            for (SystemRunRepository.Row row : runs.keptRows(run.requestId(), run.department(), run.systemId(), run.category())
                    .orElse(List.of())) {
                if (row.actedInRun() == null || row.actedInRun() != run.id()) {
                    rows.add(row.fields());
                    rowIds.add(row.id());
                }
            }
            values = runs.corrections(run.requestId(), run.systemId(), run.category());
        }
        return Optional.of(new Work(run, system.get(), categories, identity(request), rows, values, rowIds));
    }

    /**
     * Who the systems are searched for: an email address the person established — confirmed by its link (a web request
     * reaches its departments only after that) or the address they wrote to the privacy mailbox from. An address staff
     * typed from a letter or a call is not searched by: a typing error would search, and could erase, someone else.
     */
    static Identity identity(DsrRequest request) {
        boolean established = switch (request.channel()) {
            case WEB, EMAIL -> true;
            case POST, PHONE -> false;
        };
        return request.hasEmail() && established ? new Identity(request.requesterEmail(), request.requesterName()) : null;
    }

    /** Searches or acts in the system (no transaction, no engine; an HTTP action's rows are marked done one by one). */
    Outcome carryOut(Work work) {
        if (work.identity() == null) {
            return Outcome.skipped("not searched: no email address the person confirmed to search by; search by hand");
        }
        Optional<Operation> operation = work.run().kind().operation();
        if (operation.isEmpty()) {
            List<SearchResult> found = new ArrayList<>();
            for (String category : work.categories()) {
                found.add(connectors.search(work.system(), category, work.identity()));
            }
            return new Outcome(found, null, null, null);
        }
        if (work.system().kind() == DataSystem.Kind.SQL) {
            // One transaction in the system for all rows: all or nothing, so a retry starts again from the first.
            ActionResult done = connectors.act(work.system(), work.run().category(), operation.get(), work.identity(), work.rows(), work.values());
            return new Outcome(List.of(), done, (int) Math.min(Integer.MAX_VALUE, done.rowsAffected()), null);
        }
        // HTTP: calls cannot be taken back, so each row done is recorded at once and a retry goes on from the next.
        List<ActionResult.Call> calls = new ArrayList<>();
        int before = runs.keptRows(work.run().requestId(), work.run().department(), work.run().systemId(), work.run().category())
                .orElse(List.of()).size() - work.rows().size();
        for (int i = 0; i < work.rows().size(); i++) {
            ActionResult done = connectors.act(work.system(), work.run().category(), operation.get(), work.identity(),
                    List.of(work.rows().get(i)), work.values());
            calls.addAll(done.calls());
            long rowId = work.rowIds().get(i);
            transaction.executeWithoutResult(status -> runs.acted(rowId, work.run().id()));
        }
        return new Outcome(List.of(), new ActionResult(work.system().id(), work.run().category(), operation.get(), 0, calls),
                before + work.rows().size(), null);
    }

    /** Records a run's outcome (one transaction), then completes its task and opens the department's task after its last search. */
    public void record(SystemTasks.Locked task, Outcome outcome) {
        SystemRunRepository.Run recorded = transaction.execute(status -> {
            SystemRunRepository.Run run = lockForSettling(task.run());
            if (run.status() == SystemRunRepository.Status.DONE || run.status() == SystemRunRepository.Status.SKIPPED
                    || run.status() == SystemRunRepository.Status.ABANDONED) {
                return run; // already settled (by another attempt, or the department answered first): nothing more to keep
            }
            if (outcome.skipped() != null) {
                runs.settle(run.id(), SystemRunRepository.Status.SKIPPED, false, null, outcome.skipped(), clock.instant());
            } else if (outcome.done() != null) {
                ActionResult done = outcome.done();
                String what = done.calls().isEmpty() ? done.rowsAffected() + " rows affected"
                        : outcome.changed() + " records, " + done.calls().size() + " calls: "
                        + String.join("; ", done.calls().stream().map(Object::toString).toList());
                runs.settle(run.id(), SystemRunRepository.Status.DONE, false, outcome.changed(), what, clock.instant());
            } else {
                boolean truncated = false;
                int count = 0;
                for (SearchResult result : outcome.found()) {
                    runs.replaceRows(run.id(), run.requestId(), result.category(), result.rows());
                    truncated |= result.truncated();
                    count += result.rows().size();
                }
                runs.settle(run.id(), SystemRunRepository.Status.DONE, truncated, count,
                        (count == 1 ? "1 record" : count + " records") + " found" + (truncated ? " (capped)" : ""), clock.instant());
            }
            return run;
        });
        finish(task, recorded);
    }

    /**
     * The engine's part of a settled run, in its own transaction: completes the task and, after the department's last
     * search, opens its task. Tried again on a conflict (two instances finishing at once, the wait's timer firing); if it
     * still fails, the task's lock runs out and the next worker finds the run settled and finishes it.
     */
    private void finish(SystemTasks.Locked task, SystemRunRepository.Run run) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    tasks.complete(task.id(), task.workerId());
                    if (run != null && run.kind() == SystemRunRepository.Kind.SEARCH) {
                        openDepartmentTaskIfLast(run);
                    }
                });
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == ENGINE_ATTEMPTS) {
                    log.warn("System task of run {}: the engine's part conflicted {} times; the next worker finishes it",
                            run == null ? "?" : run.id(), attempt);
                    return;
                }
            }
        }
    }

    /** A failed attempt: the engine retries after the back-off; the last one is an incident and settles the run. */
    public void failed(SystemTasks.Locked task, String reason) {
        boolean abandoned = Boolean.TRUE.equals(transaction.execute(status -> {
            SystemRunRepository.Run run = lockForSettling(task.run());
            if (run.status() == SystemRunRepository.Status.ABANDONED || run.status() == SystemRunRepository.Status.SKIPPED) {
                return true; // the department answered first: no incident for a search nobody needs
            }
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
                runs.settle(run.id(), SystemRunRepository.Status.FAILED, false, null, reason, clock.instant());
                if (run.kind() == SystemRunRepository.Kind.SEARCH) {
                    openDepartmentTaskIfLast(run);
                }
            }
            return false;
        }));
        if (abandoned) {
            finish(task, null);
        }
    }

    /** A failure that no retry mends (the system left the register, the request lacks a value): an incident at once. */
    void failedForGood(SystemTasks.Locked task, String reason) {
        transaction.executeWithoutResult(status -> {
            SystemRunRepository.Run run = lockForSettling(task.run());
            tasks.fail(task.id(), task.workerId(), "System " + run.systemId() + ", " + run.kind().name().toLowerCase() + ": " + reason,
                    0, Duration.ZERO);
            log.warn("System {}: {} run {} cannot run: {}", run.systemId(), run.kind(), run.id(), reason);
            runs.settle(run.id(), SystemRunRepository.Status.FAILED, false, null, reason, clock.instant());
            if (run.kind() == SystemRunRepository.Kind.SEARCH) {
                openDepartmentTaskIfLast(run);
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

    /** After the department's last search has its outcome, its task opens (if it still waits). */
    private void openDepartmentTaskIfLast(SystemRunRepository.Run search) {
        if (runs.ofDepartment(search.requestId(), search.department()).stream()
                .filter(other -> other.kind() == SystemRunRepository.Kind.SEARCH).allMatch(SystemRunRepository.Run::settled)) {
            requests.findById(search.requestId()).map(DsrRequest::processInstanceId)
                    .ifPresent(instance -> tasks.searchesDone(instance, search.department()));
        }
    }
}
