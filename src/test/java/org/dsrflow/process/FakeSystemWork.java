package org.dsrflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Stand-in for the {@code systemWork} bean in BPMN path tests: no systems unless a test gives the departments some. */
public class FakeSystemWork {

    /** The systems every department searches (none: the department's task opens at once). */
    List<String> systems = new ArrayList<>();
    /** The runs a department's answer confirms actions for (none: nothing is carried out). */
    List<Long> actions = new ArrayList<>();
    /** Whether a search is still running or failed when the department answered. */
    boolean searchesLeft;
    long runs;

    public String topic(String system) {
        return SystemTasks.TOPIC_SQL;
    }

    public String topicOfRun(Long run) {
        return SystemTasks.TOPIC_HTTP;
    }

    public List<String> systemsToSearch(DelegateExecution execution, String department) {
        return new ArrayList<>(systems);
    }

    public boolean searches(DelegateExecution execution, String department) {
        return !systems.isEmpty();
    }

    public Long openSearch(DelegateExecution execution, String department, String system) {
        return ++runs;
    }

    public String searchWait() {
        return "PT1H";
    }

    public String summary(DelegateExecution execution, String department) {
        return systems.isEmpty() ? null : "CRM: 2 records";
    }

    public boolean actionsConfirmed(DelegateExecution execution, String department) {
        return !actions.isEmpty();
    }

    public List<Long> openActions(DelegateExecution execution, String department) {
        return new ArrayList<>(actions);
    }

    public boolean searchesLeft(DelegateExecution execution, String department) {
        return searchesLeft;
    }
}
