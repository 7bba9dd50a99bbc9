package org.dsrflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Stand-in for the {@code departmentWork} bean in BPMN path tests. */
public class FakeDepartmentWork {

    final List<String> cleared = new ArrayList<>();
    /** The purposes an objection's departments stopped processing for. */
    List<String> objectedPurposes = new ArrayList<>(List.of("follow-up"));

    public void keepRouting(DelegateExecution execution) {
    }

    public List<String> objectedPurposes(DelegateExecution execution) {
        return new ArrayList<>(objectedPurposes);
    }

    public boolean purposesToWeigh(DelegateExecution execution) {
        return DataSubjectRequestProcess.Variables.TYPE.from(execution).weighsCompellingGrounds() && !objectedPurposes.isEmpty();
    }

    public String form(org.camunda.bpm.engine.delegate.DelegateTask task) {
        return "department-access";
    }

    public List<String> categoriesFor(DelegateExecution execution, String department) {
        return new ArrayList<>(List.of("contact"));
    }

    public String categoryNames(DelegateExecution execution, String department) {
        return "Contact details";
    }

    public List<Object> retentionOptions(DelegateExecution execution, String department) {
        return new ArrayList<>();
    }

    public List<Object> partyOptions(DelegateExecution execution, String department) {
        return new ArrayList<>();
    }

    public List<Object> returnOptions(DelegateExecution execution) {
        return new ArrayList<>();
    }

    public java.util.Map<String, Object> emptyAnswer() {
        return new java.util.LinkedHashMap<>();
    }

    public java.util.Map<String, Object> previousAnswer(DelegateExecution execution, String department) {
        return new java.util.LinkedHashMap<>(java.util.Map.of("found", "yes"));
    }

    public String answerUrl(DelegateExecution execution) {
        return "http://localhost/staff/requests/" + execution.getProcessBusinessKey() + "/answer";
    }

    public void clearReviewDecision(DelegateExecution execution) {
        cleared.add(execution.getProcessBusinessKey());
        execution.removeVariables(List.of("reviewDecision", "returnTo", "returnComment"));
    }
}
