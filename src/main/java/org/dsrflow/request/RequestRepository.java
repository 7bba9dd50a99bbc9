package org.dsrflow.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;


@Repository
public class RequestRepository {

    private final JdbcClient jdbc;
    private final boolean postgres;

    RequestRepository(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(javax.sql.DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }

    /** Inserts the request and gives it its reference, e.g. {@code DSR-2026-000123}; returns the stored row. */
    public DsrRequest insert(RequestType type, String site, Language language, Channel channel, String name,
                             String email, List<String> categories, String details, LocalDate receivedOn,
                             RequestStatus status, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_request (type, site, language, channel, requester_name, requester_email, email_key,
                            categories, details, status, received_on, created_at)
                        values (:type, :site, :language, :channel, :name, :email, :emailKey, :categories, :details, :status,
                            :receivedOn, :createdAt)""")
                .param("type", type.name())
                .param("site", site)
                .param("language", language.name())
                .param("channel", channel.name())
                .param("name", name)
                .param("email", email)
                .param("emailKey", email == null ? null : email.toLowerCase(java.util.Locale.ROOT))
                .param("categories", String.join(",", categories))
                .param("details", details)
                .param("status", status.name())
                .param("receivedOn", receivedOn)
                .param("createdAt", Jdbc.utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        String reference = "DSR-%d-%06d".formatted(receivedOn.getYear(), id);
        jdbc.sql("update dsr_request set reference = :reference where id = :id")
                .param("reference", reference).param("id", id).update();
        return findById(id).orElseThrow();
    }

    public Optional<DsrRequest> findById(long id) {
        return jdbc.sql("select * from dsr_request where id = :id").param("id", id).query(this::map).optional();
    }

    public Optional<DsrRequest> findByReference(String reference) {
        return jdbc.sql("select * from dsr_request where reference = :reference")
                .param("reference", reference).query(this::map).optional();
    }

    /** An earlier request and the day it was answered. */
    public record Answered(String reference, LocalDate answeredOn) {
    }

    /**
     * The latest other request for the same right from the same address (case-insensitive) answered on
     * or after {@code since}: an Art. 12(5) repeat. Another right is not a repeat: an erasure after the
     * access that showed what we hold is the usual next step.
     */
    public Optional<Answered> latestAnsweredOfSameRight(long id, String email, RequestType type, LocalDate since) {
        if (email == null || email.isBlank()) {
            return Optional.empty(); // a letter without an email address: the privacy team recognises repeats by name
        }
        return jdbc.sql("""
                        select reference, answered_on from dsr_request
                        where email_key = :email and type = :type and id <> :id and answered_on >= :since
                        order by answered_on desc, id desc
                        fetch first 1 rows only""")
                .param("email", email.toLowerCase(java.util.Locale.ROOT)).param("type", type.name()).param("id", id)
                .param("since", since)
                .query((rs, n) -> new Answered(rs.getString("reference"), rs.getObject("answered_on", LocalDate.class)))
                .optional();
    }

    /** Records the answer in the request and in the SLA statistics under the request's type (once per request). */
    public void recordAnswer(long id, LocalDate answeredOn, int daysToAnswer, boolean onTime) {
        int recorded = jdbc.sql("""
                        update dsr_request set answered_on = :on, days_to_answer = :days, on_time = :onTime
                        where id = :id and answered_on is null""")
                .param("on", answeredOn).param("days", daysToAnswer).param("onTime", onTime).param("id", id).update();
        if (recorded == 1 && postgres) {
            // Atomic also when answers of the same day are recorded at the same moment.
            jdbc.sql("""
                            insert into dsr_answer_stats (answered_on, days_to_answer, on_time, type, requests)
                            values (:on, :days, :onTime, (select type from dsr_request where id = :id), 1)
                            on conflict (answered_on, days_to_answer, on_time, type)
                            do update set requests = dsr_answer_stats.requests + 1""")
                    .param("on", answeredOn).param("days", daysToAnswer).param("onTime", onTime).param("id", id).update();
        } else if (recorded == 1) {
            jdbc.sql("""
                            merge into dsr_answer_stats s
                            using (select cast(:on as date) as answered_on, cast(:days as integer) as days_to_answer,
                                          cast(:onTime as boolean) as on_time, type from dsr_request where id = :id) v
                            on s.answered_on = v.answered_on and s.days_to_answer = v.days_to_answer and s.on_time = v.on_time
                                and s.type = v.type
                            when matched then update set requests = s.requests + 1
                            when not matched then insert (answered_on, days_to_answer, on_time, type, requests)
                                values (v.answered_on, v.days_to_answer, v.on_time, v.type, 1)""")
                    .param("on", answeredOn).param("days", daysToAnswer).param("onTime", onTime).param("id", id).update();
        }
    }

    /**
     * The answer's email bounced: it was not delivered, so the SLA statistics stop counting it (once per request). The
     * request keeps its answer day (when the answer was sent) and is marked {@code answer_bounced}.
     */
    public void answerNotDelivered(long id) {
        int marked = jdbc.sql("update dsr_request set answer_bounced = true where id = :id and answered_on is not null and answer_bounced = false")
                .param("id", id).update();
        if (marked == 1) {
            jdbc.sql("""
                            update dsr_answer_stats set requests = requests - 1
                            where requests > 0
                                and answered_on = (select answered_on from dsr_request where id = :id)
                                and days_to_answer = (select days_to_answer from dsr_request where id = :id)
                                and on_time = (select on_time from dsr_request where id = :id)
                                and type = (select type from dsr_request where id = :id)""")
                    .param("id", id).update();
        }
    }

    public void recordRestrictionGround(long id, RestrictionGround ground) {
        jdbc.sql("update dsr_request set restriction_ground = :ground where id = :id")
                .param("ground", ground.name()).param("id", id).update();
    }

    /** Where letters to the person go (a request by post or phone without an email address). */
    public void recordPostalAddress(long id, String postalAddress) {
        jdbc.sql("update dsr_request set postal_address = :address where id = :id")
                .param("address", postalAddress).param("id", id).update();
    }

    public void recordAgent(long id, String agentName, String agentEmail) {
        jdbc.sql("update dsr_request set on_behalf = true, agent_name = :name, agent_email = :email where id = :id")
                .param("name", agentName).param("email", agentEmail).param("id", id).update();
    }

    /** Someone acting on the requester's behalf, who confirmed their authorisation on the form. */
    public record Agent(String name, String email) {
    }

    /** The agent of a request made on someone's behalf; empty for the person's own request. */
    public Optional<Agent> agent(long id) {
        return jdbc.sql("select agent_name, agent_email from dsr_request where id = :id and on_behalf = true")
                .param("id", id)
                .query((rs, row) -> new Agent(rs.getString("agent_name"), rs.getString("agent_email")))
                .optional();
    }

    /**
     * Binds a process instance to the request with this id and reference, once: false when there
     * is no such request or it already has its process (see {@code intake.IntakeOnlyStart}).
     */
    public boolean bindProcessInstance(long id, String reference, String processInstanceId) {
        return jdbc.sql("""
                        update dsr_request set process_instance_id = :pi
                        where id = :id and reference = :reference and process_instance_id is null""")
                .param("pi", processInstanceId).param("id", id).param("reference", reference).update() == 1;
    }

    public void markConfirmed(long id, Instant now) {
        jdbc.sql("update dsr_request set confirmed_at = :now where id = :id and confirmed_at is null")
                .param("now", Jdbc.utc(now)).param("id", id).update();
    }

    public void updateStatus(long id, RequestStatus status, Instant now) {
        String sql = status.isClosed()
                ? "update dsr_request set status = :status, closed_at = :now where id = :id"
                : "update dsr_request set status = :status where id = :id";
        var statement = jdbc.sql(sql).param("status", status.name()).param("id", id);
        if (status.isClosed()) {
            statement = statement.param("now", Jdbc.utc(now));
        }
        statement.update();
    }

    public long count() {
        return jdbc.sql("select count(*) from dsr_request").query(Long.class).single();
    }

    private DsrRequest map(ResultSet rs, int row) throws SQLException {
        return new DsrRequest(
                rs.getLong("id"),
                rs.getString("reference"),
                RequestType.valueOf(rs.getString("type")),
                rs.getString("site"),
                Language.valueOf(rs.getString("language")),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("requester_name"),
                rs.getString("requester_email"),
                Arrays.asList(rs.getString("categories").split(",")),
                rs.getString("details"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getObject("received_on", LocalDate.class),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "confirmed_at"),
                Jdbc.instant(rs, "closed_at"),
                rs.getObject("due_date", LocalDate.class),
                rs.getObject("extended_due_date", LocalDate.class),
                rs.getString("extension_reasons"),
                Jdbc.instant(rs, "extended_at"),
                rs.getBoolean("overdue"),
                rs.getString("process_instance_id"),
                rs.getBoolean("on_behalf"),
                rs.getString("restriction_ground") == null ? null : RestrictionGround.valueOf(rs.getString("restriction_ground")),
                rs.getString("postal_address"),
                rs.getString("extension_reason"));
    }

}
