package org.dsrflow.review;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * Art. 12(5) fees ({@code dsr_fee}): what the privacy review decided to charge and why, by when the
 * requester may pay, and what the privacy team recorded: paid (on which day) or not.
 */
@Service
public class Fees {

    private final JdbcClient jdbc;
    private final Clock clock;

    Fees(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fee as the requester is told of it, and its outcome once recorded. */
    public record Fee(long id, long requestId, BigDecimal amount, String currency, String reasons, String calculation,
                      String payment, String decidedBy, Instant decidedAt, LocalDate payBy, boolean clockStopped,
                      String outcome, LocalDate paidOn, String recordedBy, String reason) {
    }

    /** Records the review's decision to charge this fee; returns its id. */
    long charge(long requestId, BigDecimal amount, String currency, String reason, String reasons, String calculation,
                String payment, String decidedBy, LocalDate payBy, boolean clockStopped) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_fee (request_id, amount, currency, reason, reasons, calculation, payment, decided_by,
                            decided_at, pay_by, clock_stopped)
                        values (:requestId, :amount, :currency, :reason, :reasons, :calculation, :payment, :decidedBy, :now,
                            :payBy, :clockStopped)""")
                .param("requestId", requestId)
                .param("amount", amount)
                .param("currency", currency)
                .param("reason", reason)
                .param("reasons", reasons)
                .param("calculation", calculation)
                .param("payment", payment)
                .param("decidedBy", decidedBy)
                .param("now", Jdbc.utc(clock.instant()))
                .param("payBy", payBy)
                .param("clockStopped", clockStopped)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** What the privacy team recorded: PAID (with the day it arrived) or NOT_PAID. */
    void record(long feeId, String outcome, LocalDate paidOn, String recordedBy) {
        jdbc.sql("""
                        update dsr_fee set outcome = :outcome, paid_on = :paidOn, recorded_by = :recordedBy, recorded_at = :now
                        where id = :id""")
                .param("outcome", outcome)
                .param("paidOn", paidOn)
                .param("recordedBy", recordedBy)
                .param("now", Jdbc.utc(clock.instant()))
                .param("id", feeId)
                .update();
    }

    /** The request's latest fee. */
    public Optional<Fee> latest(long requestId) {
        return latest(jdbc, requestId);
    }

    /** The same, read through {@code db} (e.g. an email's own transaction). */
    Optional<Fee> latest(JdbcClient db, long requestId) {
        return db.sql("""
                        select id, request_id, amount, currency, reasons, calculation, payment, decided_by, decided_at, pay_by,
                            clock_stopped, outcome, paid_on, recorded_by, reason
                        from dsr_fee where request_id = :requestId order by id desc""")
                .param("requestId", requestId)
                .query((rs, row) -> new Fee(rs.getLong("id"), rs.getLong("request_id"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), rs.getString("reasons"), rs.getString("calculation"), rs.getString("payment"),
                        rs.getString("decided_by"), Jdbc.instant(rs, "decided_at"), rs.getObject("pay_by", LocalDate.class),
                        rs.getBoolean("clock_stopped"), rs.getString("outcome"), rs.getObject("paid_on", LocalDate.class),
                        rs.getString("recorded_by"), rs.getString("reason")))
                .list().stream().findFirst();
    }
}
