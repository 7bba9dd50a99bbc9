package org.dsrflow.review;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The privacy review's questions to a requester and their answers ({@code dsr_clarification}, the
 * answers in {@code dsr_requester_reply}). Also the BPMN's {@code ${clarifications...}}: the review
 * task learns whether its last question was answered, never the text (that is on a staff page).
 */
@Component("clarifications")
public class Clarifications {

    private final JdbcClient jdbc;
    private final DsrProperties properties;
    private final Clock clock;
    private final DeadlineService deadlines;

    Clarifications(JdbcClient jdbc, DsrProperties properties, Clock clock, DeadlineService deadlines) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    /**
     * The last day the requester may answer {@code question}: {@code dsr.deadlines.reply-expiry} after it
     * was asked; where the clock keeps running meanwhile (EU/EEA), at the latest the working day before
     * the answer is due, so that the privacy team can still answer on time on what could be searched.
     */
    LocalDate replyBy(Exchange question, long requestId, String site) {
        java.time.ZoneId zone = properties.site(site).zone();
        LocalDate asked = LocalDate.ofInstant(question.askedAt(), zone);
        LocalDate replyBy = LocalDate.ofInstant(question.askedAt().plus(properties.deadlines().replyExpiry()), zone);
        if (!question.clockStopped()) {
            LocalDate lastDay = deadlines.previousWorkingDay(site, deadlines.current(requestId).answerDueDate().minusDays(1));
            if (replyBy.isAfter(lastDay)) {
                replyBy = lastDay.isBefore(asked) ? asked : lastDay;
            }
        }
        return replyBy;
    }

    /** The BPMN's end of the wait for the answer: the end of {@link #replyBy} in the site's zone. */
    public java.util.Date replyDeadline(DelegateExecution execution) {
        long requestId = REQUEST_ID.from(execution);
        String site = SITE.from(execution);
        List<Exchange> all = all(requestId);
        if (all.isEmpty()) {
            throw new IllegalStateException("no question asked for request " + requestId);
        }
        return java.util.Date.from(endOfReplyBy(all.get(all.size() - 1), requestId, site));
    }

    /** The last second of the question's last day to answer ({@link #replyBy}), in the site's zone. */
    private Instant endOfReplyBy(Exchange question, long requestId, String site) {
        return replyBy(question, requestId, site).plusDays(1).atStartOfDay(properties.site(site).zone()).toInstant().minusSeconds(1);
    }

    /**
     * Review task input: the day (ISO, in the site's zone) our last question was asked when it went
     * unanswered (the wait ended without an answer), or null.
     */
    public String unansweredSince(DelegateExecution execution) {
        return lastUnansweredAskedOn(execution, false);
    }

    /**
     * Review and triage input: the day (ISO, in the site's zone) our last question was asked while it still waits
     * for the answer (asked from Tasklist while the departments worked), or null. Approving then answers on what
     * was searched, and the question's wait ends with the request.
     */
    public String waitingSince(DelegateExecution execution) {
        return lastUnansweredAskedOn(execution, true);
    }

    /** The day the last question was asked, when it is unanswered and its last day {@code open}: not yet ended, or ended. */
    private String lastUnansweredAskedOn(DelegateExecution execution, boolean open) {
        long requestId = REQUEST_ID.from(execution);
        List<Exchange> all = all(requestId);
        if (all.isEmpty() || all.get(all.size() - 1).answeredAt() != null) {
            return null;
        }
        Exchange last = all.get(all.size() - 1);
        String site = SITE.from(execution);
        boolean stillOpen = clock.instant().isBefore(endOfReplyBy(last, requestId, site));
        return stillOpen == open ? LocalDate.ofInstant(last.askedAt(), properties.site(site).zone()).toString() : null;
    }

    /** A question and, once answered, the answer. */
    public record Exchange(long id, String question, String askedBy, Instant askedAt, boolean clockStopped,
                           String answer, Instant answeredAt) {
    }

    /** Records a question asked now; returns its id. */
    long ask(long requestId, String question, String askedBy, boolean clockStopped) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_clarification (request_id, question, asked_by, asked_at, clock_stopped)
                        values (:requestId, :question, :askedBy, :now, :clockStopped)""")
                .param("requestId", requestId)
                .param("question", question)
                .param("askedBy", askedBy)
                .param("now", Jdbc.utc(clock.instant()))
                .param("clockStopped", clockStopped)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The question the request waits to have answered, if any (the reply page shows it). */
    public Optional<Exchange> open(long requestId) {
        return all(requestId).stream().filter(exchange -> exchange.answeredAt() == null)
                .reduce((first, second) -> second);
    }

    /** The requester's answer (a row of dsr_requester_reply) answers the open question, if there is one. */
    public void answered(long requestId, long replyId) {
        jdbc.sql("""
                        update dsr_clarification set reply_id = :replyId, answered_at = :now
                        where request_id = :requestId and answered_at is null""")
                .param("replyId", replyId)
                .param("now", Jdbc.utc(clock.instant()))
                .param("requestId", requestId)
                .update();
    }

    /** The open question was answered by another channel (e.g. an email recorded through the staff API). */
    public void answeredElsewhere(long requestId) {
        jdbc.sql("update dsr_clarification set answered_at = :now where request_id = :requestId and answered_at is null")
                .param("now", Jdbc.utc(clock.instant()))
                .param("requestId", requestId)
                .update();
    }

    /** Every question of the request with its answer, oldest first. */
    public List<Exchange> all(long requestId) {
        return all(jdbc, requestId);
    }

    /** The same, read through {@code db} (e.g. an email's own transaction). */
    List<Exchange> all(JdbcClient db, long requestId) {
        return db.sql("""
                        select c.id, c.question, c.asked_by, c.asked_at, c.clock_stopped, r.text, c.answered_at
                        from dsr_clarification c left join dsr_requester_reply r on r.id = c.reply_id
                        where c.request_id = :requestId order by c.id""")
                .param("requestId", requestId)
                .query((rs, row) -> new Exchange(rs.getLong("id"), rs.getString("question"), rs.getString("asked_by"),
                        Jdbc.instant(rs, "asked_at"), rs.getBoolean("clock_stopped"), rs.getString("text"),
                        Jdbc.instant(rs, "answered_at")))
                .list();
    }

    /**
     * A reply of the requester on the reply page: an answer to one of our questions, or (answering
     * none) identity evidence they were asked for.
     */
    public record Reply(long id, String text, Instant receivedAt, boolean answersQuestion, Long inboxMessageId, boolean awaited) {

        /** Identity evidence: a reply the request waited for that answers none of our questions. */
        public boolean isEvidence() {
            return awaited && !answersQuestion;
        }
    }

    /** Every reply the requester sent for the request, oldest first. */
    public List<Reply> replies(long requestId) {
        return jdbc.sql("""
                        select r.id, r.text, r.received_at, r.inbox_message_id, r.awaited,
                            (select count(*) from dsr_clarification c where c.reply_id = r.id) as questions
                        from dsr_requester_reply r where r.request_id = :requestId order by r.received_at, r.id""")
                .param("requestId", requestId)
                .query((rs, row) -> new Reply(rs.getLong("id"), rs.getString("text"), Jdbc.instant(rs, "received_at"),
                        rs.getLong("questions") > 0, rs.getObject("inbox_message_id", Long.class), rs.getBoolean("awaited")))
                .list();
    }

    /**
     * Review task input: the day (ISO, in the site's zone) the requester answered the request's last
     * question, or null when there is none or it is unanswered. The answer itself stays in the table.
     */
    public String answeredOn(DelegateExecution execution) {
        List<Exchange> all = all(REQUEST_ID.from(execution));
        if (all.isEmpty() || all.get(all.size() - 1).answeredAt() == null) {
            return null;
        }
        return LocalDate.ofInstant(all.get(all.size() - 1).answeredAt(), properties.site(SITE.from(execution)).zone()).toString();
    }
}
