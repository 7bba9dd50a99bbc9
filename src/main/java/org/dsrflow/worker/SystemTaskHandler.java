package org.dsrflow.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.dsrflow.connectors.ActionResult;
import org.dsrflow.connectors.ConnectorException;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.Identity;
import org.dsrflow.connectors.Operation;
import org.dsrflow.connectors.SearchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One system task, as the application's own worker carries it out, but next to the data: the work from the staff API,
 * the lock extended to the system's lock duration, the search or confirmed action through the {@link Connectors} (this
 * worker's register and environment), then the outcome or the failure back to the staff API, which records it and
 * completes or fails the task (retries with back-off, then an incident). Logs name the task, system, operation, counts and
 * durations only: never the person, the rows or a value.
 */
final class SystemTaskHandler implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(SystemTaskHandler.class);
    static final String NO_ADDRESS = "not searched: the request has no email address to search by";

    private final String worker;
    private final Connectors connectors;
    private final StaffApi api;

    SystemTaskHandler(String worker, Connectors connectors, StaffApi api) {
        this.worker = worker;
        this.connectors = connectors;
        this.api = api;
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String id = task.getId();
        try {
            handle(id, task, service);
        } catch (StaffApi.ApiException e) {
            // The lock then runs out and the task is fetched again (by this worker or another).
            log.warn("Task {}: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Task {}: failed unexpectedly: {}", id, e.getClass().getName());
        }
    }

    private void handle(String id, ExternalTask task, ExternalTaskService service) {
        Optional<StaffApi.Work> found = api.work(id);
        if (found.isEmpty()) {
            log.info("Task {}: nothing left to do (settled, or no longer held by this worker)", id);
            return;
        }
        StaffApi.Work work = found.get();
        Optional<DataSystem> system = connectors.system(work.system()).filter(candidate -> worker.equals(candidate.worker()));
        if (system.isEmpty()) {
            api.failure(id, "system " + work.system() + " is not served by worker " + worker + " (see its register)");
            log.warn("Task {}: system {} is not served by this worker; reported as failed", id, work.system());
            return;
        }
        try {
            service.extendLock(task, system.get().lockDuration().toMillis());
        } catch (ExternalTaskClientException e) {
            log.warn("Task {}: its lock could not be extended ({}); left for the next fetch", id, e.getClass().getSimpleName());
            return;
        }
        long started = System.nanoTime();
        try {
            Map<String, Object> outcome = carryOut(system.get(), work);
            api.outcome(id, outcome);
            log.info("System {} ({}): {} run {} done in {} ms: {}", system.get().id(), system.get().kind(), work.operation(), work.run(),
                    millis(started), summary(outcome));
        } catch (ConnectorException e) {
            api.failure(id, e.reason());
            log.warn("System {} ({}): {} run {} failed after {} ms: {}", system.get().id(), system.get().kind(), work.operation(),
                    work.run(), millis(started), e.reason());
        } catch (StaffApi.ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Its message may quote a value: only its kind is reported.
            api.failure(id, "unexpected " + e.getClass().getSimpleName());
            log.warn("System {} ({}): {} run {} failed unexpectedly after {} ms: {}", system.get().id(), system.get().kind(),
                    work.operation(), work.run(), millis(started), e.getClass().getName());
        }
    }

    /** Searches each category or carries out the confirmed action; the outcome as the staff API takes it. */
    Map<String, Object> carryOut(DataSystem system, StaffApi.Work work) {
        if (work.identity() == null) {
            return Map.of("skipped", NO_ADDRESS);
        }
        Identity identity = new Identity(work.identity().email(), work.identity().name());
        if ("search".equals(work.operation())) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (String category : work.categories()) {
                SearchResult result = connectors.search(system, category, identity);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("category", result.category());
                entry.put("rows", result.rows());
                entry.put("truncated", result.truncated());
                found.add(entry);
            }
            return Map.of("found", found);
        }
        Operation operation = Operation.valueOf(work.operation().toUpperCase(Locale.ROOT));
        ActionResult done = connectors.act(system, work.categories().get(0), operation, identity,
                work.rows() == null ? List.of() : work.rows(), work.values() == null ? Map.of() : work.values());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rowsAffected", done.rowsAffected());
        result.put("calls", done.calls().stream().map(call -> Map.of("method", call.method(), "path", call.pathTemplate(),
                "status", call.status())).toList());
        return Map.of("done", result);
    }

    /** Counts only. */
    @SuppressWarnings("unchecked")
    private static String summary(Map<String, Object> outcome) {
        if (outcome.containsKey("skipped")) {
            return "not carried out";
        }
        if (outcome.containsKey("found")) {
            return count(((List<Map<String, Object>>) outcome.get("found")).stream()
                    .mapToInt(entry -> ((List<?>) entry.get("rows")).size()).sum(), "row") + " found";
        }
        Map<String, Object> done = (Map<String, Object>) outcome.get("done");
        List<?> calls = (List<?>) done.get("calls");
        return calls.isEmpty() ? count(((Number) done.get("rowsAffected")).longValue(), "row") + " affected" : count(calls.size(), "call");
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
