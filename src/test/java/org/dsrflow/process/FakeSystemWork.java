package org.dsrflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Stand-in for the {@code systemWork} bean in BPMN path tests: no systems unless a test gives the departments some. */
public class FakeSystemWork {

    /** The systems every department searches (none: the department's task opens at once). */
    List<String> systems = new ArrayList<>();
    /** The actions ("system/category") a department's answer confirms (none: nothing is carried out). */
    List<String> actions = new ArrayList<>();
    /** Whether a search is still running or failed when the department answered. */
    boolean searchesLeft;
    long runs;

    public String topic(String system) {
        return SystemTasks.TOPIC_SQL;
    }

    public String topicOfAction(String action) {
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

    public List<String> actions(DelegateExecution execution, String department) {
        return new ArrayList<>(actions);
    }

    public Long openAction(DelegateExecution execution, String department, String action) {
        return 40L + actions.indexOf(action) + 1;
    }

    public void departmentAnswered(DelegateExecution execution, String department) {
    }

    public boolean searchesLeft(DelegateExecution execution, String department) {
        return searchesLeft;
    }
}
