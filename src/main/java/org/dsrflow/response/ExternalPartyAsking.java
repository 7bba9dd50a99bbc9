package org.dsrflow.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asking the processors and recipients (Art. 19, 28(3)(e)): which parties a request's erasure, rectification or
 * restriction reaches (those the register names with a contact address, for the categories a department erased,
 * corrected or restricted), and the email that asks each, in its language, with a new single-use, expiring link
 * to its page (the reminder asks again, with a link of its own).
 */
@Component
class ExternalPartyAsking implements EmailPreparation {

    private final RequestRepository requests;
    private final DepartmentResultRepository results;
    private final ExternalPartyTasks tasks;
    private final TokenService tokens;
    private final DsrProperties properties;
    private final Register register;
    private final PublicLinks links;
    private final Clock clock;
    private final Duration linkValidity;

    ExternalPartyAsking(RequestRepository requests, DepartmentResultRepository results, ExternalPartyTasks tasks,
                        TokenService tokens, DsrProperties properties, Register register, PublicLinks links, Clock clock,
                        @Value("${dsr.external-parties.link-validity:P30D}") Duration linkValidity) {
        this.requests = requests;
        this.results = results;
        this.tasks = tasks;
        this.tokens = tokens;
        this.properties = properties;
        this.register = register;
        this.links = links;
        this.clock = clock;
        this.linkValidity = linkValidity;
    }

    /** The parties to ask about this request, each recorded once (the process asks each in an instance of its own). */
    @Transactional
    public List<String> partiesFor(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        if (!request.type().recipientsTold()) {
            return new ArrayList<>();
        }
        Map<String, Set<String>> parties = new LinkedHashMap<>();
        for (DepartmentResult result : results.findByRequest(requestId)) {
            for (String category : request.categories()) {
                boolean acted = result.answer().category(category).action()
                        .filter(Set.of(DepartmentAnswer.Action.erased, DepartmentAnswer.Action.corrected,
                                DepartmentAnswer.Action.restricted)::contains).isPresent();
                if (acted && properties.organisation().categories().containsKey(category)) {
                    // Only the parties the department says received this person's data: a category's recipients
                    // in the register are who may receive it, not who did (none is asked by default).
                    List<String> disclosedTo = result.answer().disclosedTo();
                    for (String party : properties.organisation().category(category).recipients()) {
                        if (!disclosedTo.contains(party)) {
                            continue;
                        }
                        DsrProperties.Recipient recipient = properties.organisation().recipients().get(party);
                        if (recipient != null && recipient.contact() != null && !recipient.contact().isBlank()) {
                            parties.computeIfAbsent(party, key -> new LinkedHashSet<>()).add(category);
                        }
                    }
                }
            }
        }
        parties.forEach((party, categories) -> tasks.record(requestId, party, List.copyOf(categories)));
        return new ArrayList<>(parties.keySet());
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.EXTERNAL_PARTY_REQUEST || kind == EmailKind.EXTERNAL_PARTY_REMINDER;
    }

    /** In the party's language (the email's): what it is asked about, and its link with the day it ends. */
    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        String party = context.externalParty();
        ExternalPartyTasks.Task task = tasks.find(db, request.id(), party).orElseThrow();
        email.put("partyCategories", task.categoryNames(register, register.in(email.locale().getLanguage())));
        Instant now = clock.instant();
        String token = tokens.issue(db, request.id(), TokenPurpose.EXTERNAL_PARTY, linkValidity, party);
        tasks.asked(db, task, now);
        email.put("externalUrl", links.to("/external?token=" + token))
                .put("linkExpires", LocalDate.ofInstant(now.plus(linkValidity), register.forStaff().site(request.site()).zone()));
    }
}
