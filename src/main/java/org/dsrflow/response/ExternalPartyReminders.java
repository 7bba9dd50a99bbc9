package org.dsrflow.response;

import java.time.Clock;
import java.time.Duration;
import org.dsrflow.config.Register;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chasing a silent party: when it is reminded ({@code dsr.external-parties.reminder}) and when the privacy team
 * is told that it has not answered ({@code dsr.external-parties.escalation}; from then on its links open
 * nothing), the record of both, and what the escalation tells the privacy team.
 */
@Component
class ExternalPartyReminders implements EmailPreparation {

    private final ExternalPartyTasks tasks;
    private final Register register;
    private final Clock clock;
    private final Duration reminder;
    private final Duration escalation;

    ExternalPartyReminders(ExternalPartyTasks tasks, Register register, Clock clock,
                           @Value("${dsr.external-parties.reminder:P5D}") Duration reminder,
                           @Value("${dsr.external-parties.escalation:P10D}") Duration escalation) {
        this.tasks = tasks;
        this.register = register;
        this.clock = clock;
        this.reminder = reminder;
        this.escalation = escalation;
    }

    Duration reminder() {
        return reminder;
    }

    Duration escalation() {
        return escalation;
    }

    void reminded(long requestId, String party) {
        tasks.reminded(requestId, party, clock.instant());
    }

    void escalated(long requestId, String party) {
        tasks.escalated(requestId, party, clock.instant());
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.EXTERNAL_PARTY_ESCALATION;
    }

    /** For the privacy team, in the staff's language: which party, and what it was asked about. */
    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        String party = context.externalParty();
        ExternalPartyTasks.Task task = tasks.find(db, request.id(), party).orElseThrow();
        email.put("partyCategories", task.categoryNames(register, register.forStaff()));
        email.put("party", register.forStaff().recipient(party).name());
    }
}
