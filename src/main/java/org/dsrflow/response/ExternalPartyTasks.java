package org.dsrflow.response;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dsrflow.config.Register;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of the parties asked about a request ({@code dsr_external_task}): one row per party, what it was
 * asked about, when it was asked, reminded and escalated, its answer (who, when, done or not, what it says) and
 * how often the person's identifiers were shown to it. Its links are secrets of the request, in
 * {@code verification/TokenService}.
 */
@Repository
class ExternalPartyTasks {

    /** One party's task. */
    record Task(long id, long requestId, String party, List<String> categories, Instant askedAt, boolean answered,
                boolean escalated) {

        /** The categories it is asked about, by their names in {@code texts} ("Contact details, Transactions"). */
        String categoryNames(Register register, Register.InLanguage texts) {
            return String.join(", ", categories.stream().filter(register.categoryIds()::contains)
                    .map(category -> texts.category(category).name()).toList());
        }
    }

    private final JdbcClient jdbc;

    ExternalPartyTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the party is asked about these categories, once per request (a retried start records nothing new). */
    void record(long requestId, String party, List<String> categories) {
        if (find(jdbc, requestId, party).isEmpty()) {
            jdbc.sql("insert into dsr_external_task (request_id, party, categories) values (:request, :party, :categories)")
                    .param("request", requestId).param("party", party).param("categories", String.join(",", categories))
                    .update();
        }
    }

    /** The party's task, read through {@code db} (an email's own transaction) or the application's connection. */
    Optional<Task> find(JdbcClient db, long requestId, String party) {
        return db.sql("""
                        select id, request_id, party, categories, asked_at, answered_at, escalated_at
                        from dsr_external_task where request_id = :request and party = :party""")
                .param("request", requestId).param("party", party)
                .query((rs, row) -> new Task(rs.getLong("id"), rs.getLong("request_id"), rs.getString("party"),
                        Arrays.asList(rs.getString("categories").split(",")), Jdbc.instant(rs, "asked_at"),
                        rs.getObject("answered_at") != null, rs.getObject("escalated_at") != null))
                .optional();
    }

    Optional<Task> find(long requestId, String party) {
        return find(jdbc, requestId, party);
    }

    /** When the party was first asked (its first link went out), through the asking email's {@code db}. */
    void asked(JdbcClient db, Task task, Instant now) {
        if (task.askedAt() == null) {
            db.sql("update dsr_external_task set asked_at = :now where id = :id").param("now", Jdbc.utc(now)).param("id", task.id())
                    .update();
        }
    }

    void reminded(long requestId, String party, Instant now) {
        stamp("reminded_at", requestId, party, now);
    }

    /** The privacy team was told that the party did not answer: from now on the party's links open nothing. */
    void escalated(long requestId, String party, Instant now) {
        stamp("escalated_at", requestId, party, now);
    }

    /** Records the party's answer once; false when it answered meanwhile or its wait is over (escalated). */
    boolean answer(long taskId, String answeredBy, ExternalPartyAnswers.Outcome outcome, String statement, Instant now) {
        return jdbc.sql("""
                        update dsr_external_task set answered_at = :now, answered_by = :by, outcome = :outcome, statement = :statement
                        where id = :id and answered_at is null and escalated_at is null""")
                .param("now", Jdbc.utc(now)).param("by", answeredBy).param("outcome", outcome.name())
                .param("statement", statement).param("id", taskId).update() == 1;
    }

    /**
     * Counts one showing of the person's identifiers, while they have been shown fewer than {@code max} times and
     * the task still waits for the party's answer; returns whether it was shown, and how often now.
     */
    ExternalPartyPage.IdentifiersShown showIdentifiers(long taskId, int max, Instant now) {
        int updated = jdbc.sql("""
                        update dsr_external_task set identifier_views = identifier_views + 1, identifiers_shown_at = :now
                        where id = :id and identifier_views < :max and answered_at is null and escalated_at is null""")
                .param("now", Jdbc.utc(now)).param("id", taskId).param("max", max).update();
        int views = jdbc.sql("select identifier_views from dsr_external_task where id = :id")
                .param("id", taskId).query(Integer.class).single();
        return new ExternalPartyPage.IdentifiersShown(updated == 1, views, max);
    }

    /** The parties of a request and their answers, in the order they were recorded. */
    List<ExternalPartyAnswers.PartyAnswer> answers(long requestId) {
        return jdbc.sql("""
                        select party, categories, asked_at, answered_at, answered_by, outcome, statement
                        from dsr_external_task where request_id = :id order by id""")
                .param("id", requestId)
                .query((rs, row) -> new ExternalPartyAnswers.PartyAnswer(rs.getString("party"), rs.getString("categories"),
                        Jdbc.instant(rs, "asked_at"), Jdbc.instant(rs, "answered_at"), rs.getString("answered_by"),
                        rs.getString("outcome") == null ? null : ExternalPartyAnswers.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("statement")))
                .list();
    }

    private void stamp(String column, long requestId, String party, Instant now) {
        jdbc.sql("update dsr_external_task set " + column + " = :now where request_id = :request and party = :party")
                .param("now", Jdbc.utc(now)).param("request", requestId).param("party", party).update();
    }
}
