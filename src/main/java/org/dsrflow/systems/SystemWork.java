package org.dsrflow.systems;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.Operation;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.departments.DepartmentWork;
import org.dsrflow.process.SystemTasks;
import org.dsrflow.request.RequestType;
import org.springframework.stereotype.Component;

/**
 * What the department work of the request process asks about the department's systems ({@code ${systemWork...}} in
 * the BPMN): which systems to search for the request's categories, each search's run, how long the department's task
 * waits for them, and after the department answered, which confirmed actions to carry out where. The process carries
 * only system ids and run ids; everything else is in the application's tables.
 */
@Component("systemWork")
public class SystemWork {

    private final Connectors connectors;
    private final DepartmentWork departments;
    private final DepartmentResultRepository results;
    private final SystemRunRepository runs;
    private final SystemSettings settings;
    private final Clock clock;

    SystemWork(Connectors connectors, DepartmentWork departments, DepartmentResultRepository results, SystemRunRepository runs,
               SystemSettings settings, Clock clock) {
        this.connectors = connectors;
        this.departments = departments;
        this.results = results;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** The external-task topic of a system: one per kind and worker. */
    public String topic(String systemId) {
        return topicOf(connectors.system(systemId).orElseThrow(() -> new IllegalStateException("system " + systemId + " is not in the register")));
    }

    /** The application's systems on {@link SystemTasks#TOPICS}; a separate worker's on topics named for it. */
    static String topicOf(DataSystem system) {
        return system.topic();
    }

    /** The department's systems that hold one of the request's categories the department holds, in register order. */
    public List<String> systemsToSearch(DelegateExecution execution, String department) {
        List<String> categories = departments.categoriesFor(execution, department);
        return new ArrayList<>(connectors.systemsOf(department).stream()
                .filter(system -> categories.stream().anyMatch(system::holds))
                .map(DataSystem::id).toList());
    }

    public boolean searches(DelegateExecution execution, String department) {
        return !systemsToSearch(execution, department).isEmpty();
    }

    /** Opens the run of one system's search (the external task carries its id). */
    public Long openSearch(DelegateExecution execution, String department, String systemId) {
        return runs.open(REQUEST_ID.from(execution), department, systemId, SystemRunRepository.Kind.SEARCH, null, clock.instant());
    }

    /**
     * For the department's task form: what each of its systems searched for this request found, without personal data
     * ("Customer database (CRM): 5 records; Repair desk: could not be searched"); null when none was searched.
     */
    public String summary(DelegateExecution execution, String department) {
        List<SystemRunRepository.Run> searches = runs.ofDepartment(REQUEST_ID.from(execution), department).stream()
                .filter(run -> run.kind() == SystemRunRepository.Kind.SEARCH).toList();
        if (searches.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (SystemRunRepository.Run run : searches) {
            String name = connectors.system(run.systemId()).map(DataSystem::name).orElse(run.systemId());
            parts.add(name + ": " + switch (run.status()) {
                case DONE -> records(run.affected() == null ? 0 : run.affected()) + (run.truncated() ? " (capped: search the rest by hand)" : "");
                case OPEN -> "still searching";
                case FAILED -> "could not be searched, search it by hand";
                case SKIPPED, ABANDONED -> "not searched, search it by hand";
            });
        }
        return String.join("; ", parts);
    }

    private static String records(int count) {
        return count == 1 ? "1 record" : count + " records";
    }

    /** ISO-8601 duration the department's task waits for its searches (the timer on the wait). */
    public String searchWait() {
        return settings.searchWait().toString();
    }

    /**
     * The operation a request type's department answer confirms by marking a category: erased (Art. 17), corrected
     * (Art. 16), restricted (Art. 18); the other rights change nothing in the systems.
     */
    static Optional<Operation> operationOf(RequestType type) {
        return switch (type) {
            case ERASURE -> Optional.of(Operation.ERASE);
            case RECTIFICATION -> Optional.of(Operation.RECTIFY);
            case RESTRICTION -> Optional.of(Operation.RESTRICT);
            case ACCESS, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> Optional.empty();
        };
    }

    static DepartmentAnswer.Action confirming(Operation operation) {
        return switch (operation) {
            case ERASE -> DepartmentAnswer.Action.erased;
            case RECTIFY -> DepartmentAnswer.Action.corrected;
            case RESTRICT -> DepartmentAnswer.Action.restricted;
        };
    }

    /** One confirmed action: a system, a category the department marked as acted on, the operation. */
    record Confirmed(DataSystem system, String category, Operation operation) {
    }

    /**
     * What the department confirmed it acted on, in the systems that can do it: only categories marked erased,
     * corrected or restricted in its answer (a retained category is never touched), only systems the register gives
     * that action for that category.
     */
    List<Confirmed> confirmed(long requestId, RequestType type, String department) {
        Optional<Operation> operation = operationOf(type);
        Optional<DepartmentResult> result = results.findByRequest(requestId).stream()
                .filter(candidate -> candidate.department().equals(department)).findFirst();
        if (operation.isEmpty() || result.isEmpty()) {
            return List.of();
        }
        DepartmentAnswer answer = result.get().answer();
        // A corrected answer (after a return) runs only what has not run: an action done, running or given up is not
        // repeated; one not run for want of corrected values runs once they are given.
        List<SystemRunRepository.Run> earlier = runs.ofDepartment(requestId, department);
        List<Confirmed> confirmed = new ArrayList<>();
        for (DataSystem system : connectors.systemsOf(department)) {
            for (String category : system.categories()) {
                boolean marked = answer.category(category).action().filter(confirming(operation.get())::equals).isPresent();
                boolean ran = earlier.stream().anyMatch(run -> run.kind() == SystemRunRepository.Kind.of(operation.get())
                        && run.systemId().equals(system.id()) && category.equals(run.category())
                        && run.status() != SystemRunRepository.Status.SKIPPED);
                // A finished search that kept no row of the category: nothing to change there.
                boolean nothingFound = runs.keptRows(requestId, department, system.id(), category).map(List::isEmpty).orElse(false);
                if (marked && !ran && !nothingFound && system.can(category, operation.get())) {
                    confirmed.add(new Confirmed(system, category, operation.get()));
                }
            }
        }
        return confirmed;
    }

    public boolean actionsConfirmed(DelegateExecution execution, String department) {
        return !confirmed(REQUEST_ID.from(execution), TYPE.from(execution), department).isEmpty();
    }

    /** The confirmed actions as "system/category", in register order (the collection of the actions' fan-out). */
    public List<String> actions(DelegateExecution execution, String department) {
        return new ArrayList<>(confirmed(REQUEST_ID.from(execution), TYPE.from(execution), department).stream()
                .map(action -> action.system().id() + "/" + action.category()).toList());
    }

    /** The topic of an action ("system/category"). */
    public String topicOfAction(String action) {
        return topic(action.substring(0, action.indexOf('/')));
    }

    /**
     * Opens the run of one confirmed action ("system/category"); the external task carries its id. A rectification for
     * which the department gave no corrected value is recorded as not carried out (the department corrects by hand): its
     * task is completed without touching the system.
     */
    public Long openAction(DelegateExecution execution, String department, String action) {
        long requestId = REQUEST_ID.from(execution);
        String systemId = action.substring(0, action.indexOf('/'));
        String category = action.substring(action.indexOf('/') + 1);
        Operation operation = operationOf(TYPE.from(execution)).orElseThrow();
        long run = runs.open(requestId, department, systemId, SystemRunRepository.Kind.of(operation), category, clock.instant());
        if (runs.keptRows(requestId, department, systemId, category).isEmpty()) {
            // Not searched (failed, abandoned, no confirmed address): no confirmed row to act on; the department did it by hand.
            runs.settle(run, SystemRunRepository.Status.SKIPPED, false, null,
                    "not carried out: the system was not searched, so the department acted by hand", clock.instant());
        } else if (operation == Operation.RECTIFY) {
            // A value not given binds as null (the register's statements keep the old value, e.g. coalesce); with none
            // given there is nothing to correct in the system.
            DataSystem system = connectors.system(systemId).orElseThrow();
            java.util.Set<String> fields = system.valueFields(category);
            if (!fields.isEmpty() && runs.corrections(requestId, systemId, category).isEmpty()) {
                runs.settle(run, SystemRunRepository.Status.SKIPPED, false, null,
                        "not carried out: no corrected value was given (" + String.join(", ", fields) + ")", clock.instant());
            }
        }
        return run;
    }

    /**
     * The department answered (its task ends): its searches still running or failed are abandoned, so that what they
     * find later is neither shown nor acted on: only what the department saw when it confirmed is.
     */
    public void departmentAnswered(DelegateExecution execution, String department) {
        long requestId = REQUEST_ID.from(execution);
        for (SystemRunRepository.Run run : runs.lockDepartment(requestId, department)) {
            if (run.kind() == SystemRunRepository.Kind.SEARCH
                    && (run.status() == SystemRunRepository.Status.OPEN || run.status() == SystemRunRepository.Status.FAILED)) {
                runs.settle(run.id(), SystemRunRepository.Status.ABANDONED, false, null,
                        "the department answered before the search finished", clock.instant());
            }
        }
    }

    /**
     * Whether a search of the department is still running or failed (its task waits, or is an incident) now that the
     * department answered: its branch is ended with the department's work.
     */
    public boolean searchesLeft(DelegateExecution execution, String department) {
        return runs.ofDepartment(REQUEST_ID.from(execution), department).stream()
                .anyMatch(run -> run.kind() == SystemRunRepository.Kind.SEARCH
                        && (run.status() == SystemRunRepository.Status.OPEN || run.status() == SystemRunRepository.Status.FAILED
                        || run.status() == SystemRunRepository.Status.ABANDONED));
    }
}
