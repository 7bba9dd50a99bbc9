package org.dsrflow.response;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Execution;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.Jdbc;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Processors and recipients told of an erasure, rectification or restriction (Art. 19) and, for
 * processors, instructed to act (Art. 28(3)(e)): every party the register names with a contact
 * address, for the categories a department erased, corrected or restricted. Each gets an email in
 * its language with a single-use, expiring link to a small page (no Camunda account) where it
 * confirms what it did or says why not; a reminder, then escalation to the privacy team. The
 * answers (who, when, what) are recorded and shown in the compiled answer, and the requester is told
 * who was told and who confirmed. Used by the BPMN as {@code ${externalParties...}}.
 */
@Component("externalParties")
public class ExternalParties implements EmailPreparation {

    /** What a party answers. */
    public enum Outcome { DONE, NOT_DONE }

    /** One party of a request, as the compiled answer shows it. */
    public record PartyAnswer(String party, String categories, Instant askedAt, Instant answeredAt, String answeredBy,
                              Outcome outcome, String statement) {
    }

    /** What a link opens: the party's task, and the request it is about. */
    public record Opened(long taskId, String party, String language, DsrRequest request, List<String> categories) {
    }

    /** Whether the person's name and email address were shown this time, how often now, and at most. */
    public record IdentifiersShown(boolean shown, int views, int maxViews) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final DepartmentResultRepository results;
    private final DsrProperties properties;
    private final Register register;
    private final PublicLinks links;
    private final Clock clock;
    private final RuntimeService runtime;
    private final Duration reminder;
    private final Duration escalation;
    private final Duration linkValidity;
    private final int identifierViews;

    ExternalParties(JdbcClient jdbc, RequestRepository requests, DepartmentResultRepository results, DsrProperties properties,
                    Register register, PublicLinks links, Clock clock, @Lazy RuntimeService runtime,
                    @Value("${dsr.external-parties.reminder:P5D}") Duration reminder,
                    @Value("${dsr.external-parties.escalation:P10D}") Duration escalation,
                    @Value("${dsr.external-parties.link-validity:P30D}") Duration linkValidity,
                    @Value("${dsr.external-parties.identifier-views:3}") int identifierViews) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.results = results;
        this.properties = properties;
        this.register = register;
        this.links = links;
        this.clock = clock;
        this.runtime = runtime;
        this.reminder = reminder;
        this.escalation = escalation;
        this.linkValidity = linkValidity;
        this.identifierViews = identifierViews;
    }

    /** ISO-8601 duration after which a silent party is reminded. */
    public String getReminder() {
        return reminder.toString();
    }

    /** ISO-8601 duration after which a silent party is escalated to the privacy team. */
    public String getEscalation() {
        return escalation.toString();
    }

    /**
     * The parties to ask for this request (the multi-instance collection): recipients with a contact
     * address of the categories a department erased, corrected or restricted; recorded once each.
     */
    @Transactional
    public List<String> forRequest(DelegateExecution execution) {
        long requestId = DataSubjectRequestProcess.Variables.REQUEST_ID.from(execution);
        DsrRequest request = requests.findById(requestId).orElseThrow();
        if (!Set.of(RequestType.ERASURE, RequestType.RECTIFICATION, RequestType.RESTRICTION).contains(request.type())) {
            return new ArrayList<>();
        }
        Map<String, Set<String>> parties = new LinkedHashMap<>();
        for (DepartmentResult result : results.findByRequest(requestId)) {
            for (String category : request.categories()) {
                boolean acted = result.answer().category(category).action()
                        .filter(Set.of(DepartmentAnswer.Action.erased, DepartmentAnswer.Action.corrected,
                                DepartmentAnswer.Action.restricted)::contains).isPresent();
                if (acted && properties.organisation().categories().containsKey(category)) {
                    for (String party : properties.organisation().category(category).recipients()) {
                        DsrProperties.Recipient recipient = properties.organisation().recipients().get(party);
                        if (recipient != null && recipient.contact() != null && !recipient.contact().isBlank()) {
                            parties.computeIfAbsent(party, key -> new LinkedHashSet<>()).add(category);
                        }
                    }
                }
            }
        }
        parties.forEach((party, categories) -> {
            if (task(requestId, party).isEmpty()) {
                jdbc.sql("insert into dsr_external_task (request_id, party, categories) values (:request, :party, :categories)")
                        .param("request", requestId).param("party", party).param("categories", String.join(",", categories))
                        .update();
            }
        });
        return new ArrayList<>(parties.keySet());
    }

    /** The reminder was sent (listener). */
    public void reminded(DelegateExecution execution) {
        stamp(execution, "reminded_at");
    }

    /** The privacy team was told that the party did not answer (listener): from now on its links open nothing. */
    public void escalated(DelegateExecution execution) {
        stamp(execution, "escalated_at");
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.EXTERNAL_PARTY_REQUEST || kind == EmailKind.EXTERNAL_PARTY_REMINDER
                || kind == EmailKind.EXTERNAL_PARTY_ESCALATION;
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        String party = context.externalParty();
        Map<String, Object> task = db.sql("select id, categories, asked_at from dsr_external_task where request_id = :request and party = :party")
                .param("request", request.id()).param("party", party).query().singleRow();
        long taskId = ((Number) task.get("id")).longValue();
        Register.InLanguage texts = email.kind() == EmailKind.EXTERNAL_PARTY_ESCALATION
                ? register.forStaff() : register.in(email.locale().getLanguage());
        email.put("partyCategories", String.join(", ", Arrays.stream(((String) task.get("categories")).split(","))
                .filter(register.categoryIds()::contains).map(category -> texts.category(category).name()).toList()));
        if (email.kind() == EmailKind.EXTERNAL_PARTY_ESCALATION) {
            email.put("party", register.forStaff().recipient(party).name());
            return;
        }
        Instant now = clock.instant();
        String token = newToken();
        db.sql("insert into dsr_external_token (token_hash, task_id, expires_at) values (:hash, :task, :expires)")
                .param("hash", TokenHash.sha256(token)).param("task", taskId).param("expires", Jdbc.utc(now.plus(linkValidity)))
                .update();
        if (task.get("asked_at") == null) {
            db.sql("update dsr_external_task set asked_at = :now where id = :id").param("now", Jdbc.utc(now)).param("id", taskId).update();
        }
        email.put("externalUrl", links.to("/external?token=" + token))
                .put("linkExpires", LocalDate.ofInstant(now.plus(linkValidity), register.forStaff().site(request.site()).zone()));
    }

    /**
     * The party's task behind a link, if the link is known, unused and unexpired and its task still
     * waits for the party; otherwise why not: UNKNOWN, USED (answered), ENDED (the privacy team was told
     * it did not answer), EXPIRED. Opening changes nothing.
     */
    public Optional<Opened> open(String token, StringBuilder whyNot) {
        if (token == null || token.isBlank()) {
            whyNot.append("UNKNOWN");
            return Optional.empty();
        }
        record Link(long taskId, Instant expiresAt, boolean used, boolean escalated, String party, long requestId, String categories) {
        }
        List<Link> rows = jdbc.sql("""
                        select t.task_id, t.expires_at, t.used_at, x.party, x.request_id, x.categories, x.answered_at, x.escalated_at
                        from dsr_external_token t join dsr_external_task x on x.id = t.task_id where t.token_hash = :hash""")
                .param("hash", TokenHash.sha256(token))
                .query((rs, n) -> new Link(rs.getLong("task_id"), Jdbc.instant(rs, "expires_at"),
                        rs.getObject("used_at") != null || rs.getObject("answered_at") != null, rs.getObject("escalated_at") != null,
                        rs.getString("party"), rs.getLong("request_id"), rs.getString("categories")))
                .list();
        if (rows.isEmpty()) {
            whyNot.append("UNKNOWN");
            return Optional.empty();
        }
        Link row = rows.get(0);
        if (row.used()) {
            whyNot.append("USED");
            return Optional.empty();
        }
        if (row.escalated()) {
            whyNot.append("ENDED");
            return Optional.empty();
        }
        if (row.expiresAt().isBefore(clock.instant())) {
            whyNot.append("EXPIRED");
            return Optional.empty();
        }
        return Optional.of(new Opened(row.taskId(), row.party(), properties.organisation().languageOf(row.party()), requests.findById(row.requestId()).orElseThrow(),
                List.of(row.categories().split(","))));
    }

    /** The language of the party behind a known link, used or not: its pages speak it. */
    public Optional<String> languageOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select x.party from dsr_external_token t join dsr_external_task x on x.id = t.task_id where t.token_hash = :hash")
                .param("hash", TokenHash.sha256(token)).query(String.class).optional()
                .map(properties.organisation()::languageOf);
    }

    /**
     * The party asked to see who the person is: counted, and allowed while it has been shown fewer than
     * {@code dsr.external-parties.identifier-views} times for this party (over all its links) and the
     * task still waits for the party's answer.
     */
    @Transactional
    public IdentifiersShown showIdentifiers(Opened opened) {
        int updated = jdbc.sql("""
                        update dsr_external_task set identifier_views = identifier_views + 1, identifiers_shown_at = :now
                        where id = :id and identifier_views < :max and answered_at is null and escalated_at is null""")
                .param("now", Jdbc.utc(clock.instant())).param("id", opened.taskId()).param("max", identifierViews).update();
        int views = jdbc.sql("select identifier_views from dsr_external_task where id = :id")
                .param("id", opened.taskId()).query(Integer.class).single();
        return new IdentifiersShown(updated == 1, views, identifierViews);
    }

    /** How often the person's name and email address may be shown to a party. */
    public int identifierViews() {
        return identifierViews;
    }

    /**
     * Records the party's answer once: every link of the task stops working, and the process stops
     * waiting for it. False when the task was answered meanwhile or its wait is over (escalated).
     */
    @Transactional
    public boolean answer(Opened opened, String answeredBy, Outcome outcome, String statement) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                        update dsr_external_task set answered_at = :now, answered_by = :by, outcome = :outcome, statement = :statement
                        where id = :id and answered_at is null and escalated_at is null""")
                .param("now", Jdbc.utc(now)).param("by", answeredBy).param("outcome", outcome.name())
                .param("statement", statement).param("id", opened.taskId()).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("update dsr_external_token set used_at = :now where task_id = :id and used_at is null")
                .param("now", Jdbc.utc(now)).param("id", opened.taskId()).update();
        // The party's wait in the request's process (one per party), if it is still waiting.
        for (Execution waiting : runtime.createExecutionQuery().processInstanceId(opened.request().processInstanceId())
                .activityId(DataSubjectRequestProcess.Elements.RECEIVE_EXTERNAL_PARTY).list()) {
            if (opened.party().equals(runtime.getVariable(waiting.getId(), DataSubjectRequestProcess.Variables.EXTERNAL_PARTY.name()))) {
                runtime.signal(waiting.getId());
            }
        }
        return true;
    }

    /** The parties of a request and their answers, in the order they were recorded. */
    public List<PartyAnswer> answers(long requestId) {
        return jdbc.sql("""
                        select party, categories, asked_at, answered_at, answered_by, outcome, statement
                        from dsr_external_task where request_id = :id order by id""")
                .param("id", requestId)
                .query((rs, row) -> new PartyAnswer(rs.getString("party"), rs.getString("categories"),
                        Jdbc.instant(rs, "asked_at"), Jdbc.instant(rs, "answered_at"), rs.getString("answered_by"),
                        rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")), rs.getString("statement")))
                .list();
    }

    private Optional<Long> task(long requestId, String party) {
        return jdbc.sql("select id from dsr_external_task where request_id = :request and party = :party")
                .param("request", requestId).param("party", party).query(Long.class).optional();
    }

    private void stamp(DelegateExecution execution, String column) {
        jdbc.sql("update dsr_external_task set " + column + " = :now where request_id = :request and party = :party")
                .param("now", Jdbc.utc(clock.instant()))
                .param("request", DataSubjectRequestProcess.Variables.REQUEST_ID.from(execution))
                .param("party", DataSubjectRequestProcess.Variables.EXTERNAL_PARTY.from(execution))
                .update();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
