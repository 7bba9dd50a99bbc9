package org.dsrflow.systems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.springframework.stereotype.Component;

/**
 * What the systems found and did for a request, for the answer and the request page: per department, system and
 * category the rows the department kept (its last search of the system; rows it excluded are left out), and each
 * confirmed action with its outcome.
 */
@Component
public class SystemRecords implements org.dsrflow.departments.FoundRecords {

    /** The rows one system found in one category for one department, with the columns in the order the system gave them. */
    public record Found(String department, String systemId, String systemName, String category, List<String> columns,
                        List<Map<String, Object>> rows) {

        @Override
        public String toString() { // rows are personal data
            return "Found[" + systemId + "/" + category + ", " + rows.size() + " rows]";
        }
    }

    /** A confirmed action in a system: what, where, and its outcome (no personal data). */
    public record Done(String department, String systemId, String systemName, String category, SystemRunRepository.Kind kind,
                       SystemRunRepository.Status status, Integer affected, String outcome) {

        public boolean carriedOut() {
            return status == SystemRunRepository.Status.DONE;
        }
    }

    /** One run, for the request page: where, what, how it ended; no personal data. */
    public record RunLine(String department, String system, String what, String category, String status, int attempts,
                          String outcome, java.time.Instant finishedAt) {
    }

    private final SystemRunRepository runs;
    private final Connectors connectors;

    private final org.dsrflow.config.Register register;

    SystemRecords(SystemRunRepository runs, Connectors connectors, org.dsrflow.config.Register register) {
        this.runs = runs;
        this.connectors = connectors;
        this.register = register;
    }

    public List<Found> found(long requestId) {
        Map<String, SystemRunRepository.Run> latest = new LinkedHashMap<>();
        for (SystemRunRepository.Run run : runs.ofRequest(requestId)) {
            if (run.kind() == SystemRunRepository.Kind.SEARCH && run.status() == SystemRunRepository.Status.DONE) {
                latest.put(run.department() + "/" + run.systemId(), run);
            }
        }
        List<Found> found = new ArrayList<>();
        for (SystemRunRepository.Run run : latest.values()) {
            if (connectors.system(run.systemId()).isEmpty()) {
                continue; // a system no longer in the register: the department cannot see or review its rows any more
            }
            Map<String, List<Map<String, Object>>> byCategory = new LinkedHashMap<>();
            Map<String, Set<String>> columns = new LinkedHashMap<>();
            for (SystemRunRepository.Row row : runs.rows(run.id())) {
                if (!row.excluded()) {
                    byCategory.computeIfAbsent(row.category(), c -> new ArrayList<>()).add(row.fields());
                    columns.computeIfAbsent(row.category(), c -> new LinkedHashSet<>()).addAll(row.fields().keySet());
                }
            }
            String name = connectors.system(run.systemId()).map(DataSystem::name).orElse(run.systemId());
            byCategory.forEach((category, rows) -> found.add(new Found(run.department(), run.systemId(), name, category,
                    List.copyOf(columns.get(category)), rows)));
        }
        return found;
    }

    /** Every run of the request, oldest first: searches, then the confirmed actions. */
    public List<RunLine> lines(long requestId) {
        return runs.ofRequest(requestId).stream().map(run -> new RunLine(register.forStaff().departmentName(run.department()),
                connectors.system(run.systemId()).map(DataSystem::name).orElse(run.systemId()),
                switch (run.kind()) {
                    case SEARCH -> "search";
                    case ERASE -> "erase";
                    case RECTIFY -> "rectify";
                    case RESTRICT -> "restrict";
                }, run.category(),
                switch (run.status()) {
                    case OPEN -> "running";
                    case DONE -> "done";
                    case FAILED -> "failed (incident)";
                    case SKIPPED -> "not run";
                    case ABANDONED -> "abandoned (the department answered first)";
                }, run.attempts(), run.outcome(), run.finishedAt())).toList();
    }

    @Override
    public Set<String> categories(long requestId, String department) {
        Set<String> categories = new LinkedHashSet<>();
        found(requestId).stream().filter(found -> found.department().equals(department) && !found.rows().isEmpty())
                .forEach(found -> categories.add(found.category()));
        return categories;
    }

    public List<Done> actions(long requestId) {
        return runs.ofRequest(requestId).stream().filter(run -> run.kind() != SystemRunRepository.Kind.SEARCH)
                .map(run -> new Done(run.department(), run.systemId(),
                        connectors.system(run.systemId()).map(DataSystem::name).orElse(run.systemId()), run.category(), run.kind(),
                        run.status(), run.affected(), run.outcome()))
                .toList();
    }
}
