package org.dsrflow.response;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTERNAL_PARTY;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The processors and recipients told of an erasure, rectification or restriction (Art. 19) and, for processors,
 * instructed to act (Art. 28(3)(e)), as the request's process sees them ({@code ${externalParties...}} in the
 * BPMN, whose running instances keep naming this bean): whom to ask ({@link ExternalPartyAsking}), when a silent
 * party is reminded and escalated ({@link ExternalPartyReminders}). The party's page is
 * {@link ExternalPartyPage}; what the parties answered, {@link ExternalPartyAnswers}.
 */
@Component("externalParties")
public class ExternalParties {

    private final ExternalPartyAsking asking;
    private final ExternalPartyReminders reminders;

    ExternalParties(ExternalPartyAsking asking, ExternalPartyReminders reminders) {
        this.asking = asking;
        this.reminders = reminders;
    }

    /** The parties to ask for this request (the multi-instance collection), each recorded once. */
    public List<String> forRequest(DelegateExecution execution) {
        return asking.partiesFor(REQUEST_ID.from(execution));
    }

    /** ISO-8601 duration after which a silent party is reminded. */
    public String getReminder() {
        return reminders.reminder().toString();
    }

    /** ISO-8601 duration after which a silent party is escalated to the privacy team. */
    public String getEscalation() {
        return reminders.escalation().toString();
    }

    /** The reminder was sent (listener). */
    public void reminded(DelegateExecution execution) {
        reminders.reminded(REQUEST_ID.from(execution), EXTERNAL_PARTY.from(execution));
    }

    /** The privacy team was told that the party did not answer (listener): from now on its links open nothing. */
    public void escalated(DelegateExecution execution) {
        reminders.escalated(REQUEST_ID.from(execution), EXTERNAL_PARTY.from(execution));
    }
}
