package org.dsrflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Stand-in for the {@code externalParties} bean in BPMN path tests: which parties, and what it was told. */
public class FakeExternalParties {

    List<String> parties = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    public List<String> forRequest(DelegateExecution execution) {
        return new ArrayList<>(parties);
    }

    public String getReminder() {
        return "P5D";
    }

    public String getEscalation() {
        return "P10D";
    }

    public void reminded(DelegateExecution execution) {
        calls.add("reminded:" + execution.getVariable("externalParty"));
    }

    public void escalated(DelegateExecution execution) {
        calls.add("escalated:" + execution.getVariable("externalParty"));
    }
}
