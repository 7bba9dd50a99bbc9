package org.dsrflow.systems;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dsrflow.connectors.ActionResult;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.Operation;
import org.dsrflow.connectors.SearchResult;
import org.dsrflow.process.SystemTasks;
import org.dsrflow.security.StaffGroups;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff API a separate worker process reports to, {@code /api/staff/systems/tasks/{externalTaskId}} (HTTP basic or
 * a bearer token like the rest of {@code /api/staff}; members of {@code system-workers} only): the work of a system task
 * it fetched and locked through the REST API ({@code GET}: the run, its system and operation, who is searched for, for an
 * action the confirmed rows and corrected values), what the system found or did ({@code POST …/outcome}), or why it could
 * not ({@code POST …/failure}). Recording, completing and failing happen here, as the application ({@link SystemRunner}):
 * the worker's account cannot complete a task in the engine. Only the task of a system topic whose lock the caller holds,
 * unexpired; any other is the same 404, so another worker's task never shows. The body is never logged.
 */
@RestController
@RequestMapping(path = "/api/staff/systems/tasks/{externalTaskId}", produces = MediaType.APPLICATION_JSON_VALUE)
class SystemTasksApi {

    private static final Logger log = LoggerFactory.getLogger(SystemTasksApi.class);
    private static final int MAX_TEXT = 500;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** What a worker does for a task. {@code identity} null: the request has no email address (report it skipped). */
    record WorkView(long run, String system, String kind, String operation, List<String> categories, IdentityView identity,
                    List<Map<String, Object>> rows, Map<String, String> values) {

        @Override
        public String toString() { // the identity, rows and values are personal data
            return "WorkView[run " + run + ", " + system + ", " + operation + "]";
        }
    }

    record IdentityView(String email, String name) {

        @Override
        public String toString() {
            return "IdentityView[withheld]";
        }
    }

    /** Exactly one of: the rows a search found per category, what an action did, or why the run was not carried out. */
    record OutcomeBody(List<FoundBody> found, DoneBody done, String skipped) {

        @Override
        public String toString() {
            return "OutcomeBody[withheld]";
        }
    }

    record FoundBody(String category, List<Map<String, Object>> rows, Boolean truncated) {

        @Override
        public String toString() {
            return "FoundBody[" + category + "]";
        }
    }

    /** An action's result: SQL's rows affected, or HTTP's calls in order (method, the register's path template, status). */
    record DoneBody(Long rowsAffected, List<CallBody> calls) {
    }

    record CallBody(String method, String path, Integer status) {
    }

    /** Why the attempt failed, as the connector named it (a system and what failed, never the person). */
    record FailureBody(String reason) {
    }

    private final SystemTasks tasks;
    private final SystemRunner runner;
    private final StaffAccess access;

    SystemTasksApi(SystemTasks tasks, SystemRunner runner, StaffAccess access) {
        this.tasks = tasks;
        this.runner = runner;
        this.access = access;
    }

    @GetMapping
    WorkView work(@PathVariable String externalTaskId) {
        SystemRunner.Work work = workOf(held(externalTaskId));
        return new WorkView(work.run().id(), work.system().id(), work.system().kind().name().toLowerCase(Locale.ROOT),
                work.run().kind().name().toLowerCase(Locale.ROOT), work.categories(),
                work.identity() == null ? null : new IdentityView(work.identity().email(), work.identity().name()),
                work.rows(), work.values());
    }

    @PostMapping(path = "/outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> outcome(@PathVariable String externalTaskId, @RequestBody OutcomeBody body) {
        SystemTasks.Locked task = held(externalTaskId);
        SystemRunner.Work work = workOf(task);
        SystemRunner.Outcome outcome = outcome(work, body);
        runner.record(task, outcome);
        log.info("System {}: {} run {} reported by worker {}: {}", work.system().id(), work.run().kind(), work.run().id(),
                task.workerId(), outcome.skipped() != null ? "not carried out"
                        : outcome.done() != null ? "done" : outcome.found().stream().mapToInt(found -> found.rows().size()).sum() + " rows");
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/failure", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> failure(@PathVariable String externalTaskId, @RequestBody FailureBody body) {
        SystemTasks.Locked task = held(externalTaskId);
        workOf(task);
        String reason = text(body == null ? null : body.reason(), "reason", "why the attempt failed (the connector's reason)");
        runner.failed(task, reason);
        return ResponseEntity.noContent().build();
    }

    /** The caller's task: a system task whose unexpired lock its user id holds; else 404, whoever holds it. */
    private SystemTasks.Locked held(String externalTaskId) {
        String worker = access.requireAnyGroup(StaffGroups.SYSTEM_WORKERS);
        return tasks.heldBy(externalTaskId, worker).orElseThrow(() -> notFound(externalTaskId));
    }

    /** The task's work; a run that already has its outcome leaves nothing to do (the runner completed its task). */
    private SystemRunner.Work workOf(SystemTasks.Locked task) {
        return runner.work(task).orElseThrow(() -> notFound(task.id()));
    }

    private static ResponseStatusException notFound(String externalTaskId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No system task " + externalTaskId + " whose lock you hold with something left to do");
    }

    /** The reported outcome, checked against the run it is for; 400 naming each wrong field, nothing stored. */
    static SystemRunner.Outcome outcome(SystemRunner.Work work, OutcomeBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        int given = body == null ? 0 : (body.found() != null ? 1 : 0) + (body.done() != null ? 1 : 0) + (body.skipped() != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidRequestException(List.of(new FieldProblem("found", "give exactly one of found (a search's rows),"
                    + " done (an action's result) and skipped (why it was not carried out)")));
        }
        boolean search = work.run().kind() == SystemRunRepository.Kind.SEARCH;
        if (body.skipped() != null) {
            return SystemRunner.Outcome.skipped(text(body.skipped(), "skipped", "why the run was not carried out"));
        }
        if (body.found() != null) {
            if (!search) {
                problems.add(new FieldProblem("found", "this task is an action (" + operation(work) + "): report done or skipped"));
            } else {
                return new SystemRunner.Outcome(found(work, body.found(), problems), null, null, null);
            }
        } else if (search) {
            problems.add(new FieldProblem("done", "this task is a search: report found or skipped"));
        } else {
            org.dsrflow.connectors.ActionResult done = done(work, body.done(), problems);
            // Records changed: SQL's rows affected; an HTTP action's confirmed rows (a separate worker reports them all at once).
            return new SystemRunner.Outcome(List.of(), done, done == null ? null : done.calls().isEmpty()
                    ? (int) Math.min(Integer.MAX_VALUE, done.rowsAffected()) : work.rows().size(), null);
        }
        throw new InvalidRequestException(problems);
    }

    private static List<SearchResult> found(SystemRunner.Work work, List<FoundBody> found, List<FieldProblem> problems) {
        DataSystem system = work.system();
        List<SearchResult> results = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (int index = 0; index < found.size(); index++) {
            FoundBody entry = found.get(index);
            String field = "found[" + index + "]";
            if (entry == null || entry.category() == null || !work.categories().contains(entry.category())) {
                problems.add(new FieldProblem(field + ".category", "one of the categories searched: " + work.categories()));
                continue;
            }
            if (!reported.add(entry.category())) {
                problems.add(new FieldProblem(field + ".category", entry.category() + " is reported twice"));
                continue;
            }
            if (entry.rows() == null || entry.rows().stream().anyMatch(row -> row == null)) {
                problems.add(new FieldProblem(field + ".rows", "the rows found, a list of objects (empty: none found)"));
            } else if (entry.rows().size() > system.maxRows()) {
                problems.add(new FieldProblem(field + ".rows", entry.rows().size() + " rows, more than the system's cap (max-rows "
                        + system.maxRows() + "): stop at the cap and report truncated"));
            } else {
                results.add(new SearchResult(system.id(), entry.category(), entry.rows(), Boolean.TRUE.equals(entry.truncated())));
            }
        }
        List<String> missing = work.categories().stream().filter(category -> !reported.contains(category)).toList();
        if (!missing.isEmpty()) {
            problems.add(new FieldProblem("found", "the rows of every category searched; missing: " + String.join(", ", missing)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return results;
    }

    private static ActionResult done(SystemRunner.Work work, DoneBody done, List<FieldProblem> problems) {
        long affected = done.rowsAffected() == null ? 0 : done.rowsAffected();
        if (affected < 0) {
            problems.add(new FieldProblem("done.rowsAffected", "must not be negative"));
        }
        List<ActionResult.Call> calls = new ArrayList<>();
        List<CallBody> reported = done.calls() == null ? List.of() : done.calls();
        for (int index = 0; index < reported.size(); index++) {
            CallBody call = reported.get(index);
            String field = "done.calls[" + index + "]";
            if (call == null || call.method() == null || !METHODS.contains(call.method())) {
                problems.add(new FieldProblem(field + ".method", "one of " + METHODS.stream().sorted().toList()));
            } else if (call.path() == null || !call.path().startsWith("/") || call.path().length() > MAX_TEXT) {
                problems.add(new FieldProblem(field + ".path", "the register's path of the call, starting with /"));
            } else if (call.status() == null || call.status() < 100 || call.status() > 599) {
                problems.add(new FieldProblem(field + ".status", "the HTTP status the system answered (100-599)"));
            } else {
                calls.add(new ActionResult.Call(call.method(), call.path(), call.status()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Operation operation = work.run().kind().operation().orElseThrow();
        return new ActionResult(work.system().id(), work.run().category(), operation, affected, calls);
    }

    private static String operation(SystemRunner.Work work) {
        return work.run().kind().name().toLowerCase(Locale.ROOT);
    }

    private static String text(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "required: " + what)));
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "at most " + MAX_TEXT + " characters")));
        }
        return value.strip();
    }
}
