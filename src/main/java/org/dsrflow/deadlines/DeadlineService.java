package org.dsrflow.deadlines;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestType;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request's statutory clock, kept in the application's tables: clock stops and resumes with their
 * dates, the due dates recomputed by {@link DeadlineCalculator}, the extension and the overdue flag.
 * "Today" is always the date in the request's site time zone.
 */
@Service
public class DeadlineService {

    private final JdbcClient jdbc;
    private final DeadlineCalculator calculator;
    private final RequestRepository requests;
    private final DsrProperties properties;
    private final Clock clock;
    private final Register register;

    DeadlineService(JdbcClient jdbc, DeadlineCalculator calculator, RequestRepository requests,
                    DsrProperties properties, Clock clock, Register register) {
        this.jdbc = jdbc;
        this.calculator = calculator;
        this.requests = requests;
        this.properties = properties;
        this.clock = clock;
        this.register = register;
    }

    public LocalDate today(String site) {
        return LocalDate.now(clock.withZone(properties.site(site).zone()));
    }

    /** {@code date} itself when it is a working day at the site, otherwise the one before. */
    public LocalDate previousWorkingDay(String site, LocalDate date) {
        return calculator.previousWorkingDay(site, date);
    }

    /** {@code date} itself when it is a working day at the site, otherwise the next one. */
    public LocalDate nextWorkingDay(String site, LocalDate date) {
        return calculator.nextWorkingDay(site, date);
    }

    /** The request's deadlines as of today (an open clock stop counts until today). */
    public RequestDeadlines current(long requestId) {
        DsrRequest request = request(requestId);
        List<RecordedClockStop> stops = stops(requestId);
        LocalDate today = today(request.site());
        Deadlines deadlines = calculator.compute(request.site(), request.receivedOn(),
                stops.stream().map(stop -> stop.asOf(today)).toList());
        return new RequestDeadlines(request.receivedOn(), deadlines, request.extended(), request.extensionReasons(),
                request.overdue(), stops, request.extensionReason());
    }

    /** Computes the deadlines and stores them with the request. */
    @Transactional
    public RequestDeadlines recompute(long requestId) {
        RequestDeadlines current = current(requestId);
        jdbc.sql("update dsr_request set due_date = :due, extended_due_date = :extended where id = :id")
                .param("due", current.deadlines().dueDate())
                .param("extended", current.extended() ? current.deadlines().extendedDueDate() : null)
                .param("id", requestId)
                .update();
        return current;
    }

    /**
     * Whether waiting for {@code reason} stops the request's clock: always for the email
     * confirmation and identity evidence; for a fee, as the site's rule in the register says
     * ({@code fee-stops-clock}); for a question, as the site's rule says
     * ({@code clarification-stops-clock}) and only where the request's type allows it
     * ({@link RequestType#questionMayStopTheClock()}).
     */
    public boolean stopsClock(long requestId, StopReason reason) {
        DsrRequest request = request(requestId);
        return switch (reason) {
            case EMAIL_CONFIRMATION, IDENTITY_EVIDENCE -> true;
            case CLARIFICATION -> properties.site(request.site()).clarificationStopsClock()
                    && request.type().questionMayStopTheClock();
            case FEE -> properties.site(request.site()).feeStopsClock();
        };
    }

    /**
     * Records that the organisation now waits for the requester, where that stops the clock
     * ({@link #stopsClock}); no-op while a stop is already open. True when the clock is stopped now.
     */
    @Transactional
    public boolean stopClock(long requestId, StopReason reason) {
        if (!stopsClock(requestId, reason)) {
            return stops(requestId).stream().anyMatch(stop -> stop.resumedOn() == null);
        }
        if (stops(requestId).stream().noneMatch(stop -> stop.resumedOn() == null)) {
            jdbc.sql("insert into dsr_clock_stop (request_id, reason, stopped_on) values (:id, :reason, :today)")
                    .param("id", requestId)
                    .param("reason", reason.name())
                    .param("today", today(request(requestId).site()))
                    .update();
        }
        return true;
    }

    /** Records the requester's answer: the open stop ends today and the due dates are recomputed. */
    @Transactional
    public RequestDeadlines resumeClock(long requestId) {
        return resumeClock(requestId, null);
    }

    /**
     * The open stop ends on {@code answeredOn} (e.g. the day a fee arrived, recorded later), never
     * before it began nor after today; null means today. The due dates are recomputed.
     */
    @Transactional
    public RequestDeadlines resumeClock(long requestId, LocalDate answeredOn) {
        LocalDate today = today(request(requestId).site());
        LocalDate end = answeredOn == null || answeredOn.isAfter(today) ? today : answeredOn;
        jdbc.sql("""
                        update dsr_clock_stop set resumed_on = case when stopped_on > :end then stopped_on else :end end
                        where request_id = :id and resumed_on is null""")
                .param("end", end)
                .param("id", requestId)
                .update();
        return recompute(requestId);
    }

    /**
     * Extends the deadline to receipt + 3 months (Art. 12(3)). Only with reasons (a standard reason of the
     * register, the privacy team's own words, or both), and only up to and including the first-month due date.
     */
    @Transactional
    public RequestDeadlines extend(long requestId, String reasonId, String reasons) {
        List<String> problems = register.reasonProblems(DsrProperties.ReasonKind.EXTENSION, "extensionReason", reasonId,
                "extensionReasons", reasons, "the reasons for the extension");
        if (!problems.isEmpty()) {
            throw new ExtensionNotAllowedException("An extension needs reasons: they are sent to the requester. "
                    + String.join("; ", problems));
        }
        DsrRequest request = request(requestId);
        RequestDeadlines current = current(requestId);
        LocalDate today = today(request.site());
        if (today.isAfter(current.deadlines().extensionNoticeBy())) {
            throw new ExtensionNotAllowedException("The one-month due date " + current.deadlines().dueDate()
                    + " has passed: the deadline can no longer be extended.");
        }
        if (!current.extended()) {
            jdbc.sql("""
                            update dsr_request set extended_at = :now, extension_reasons = :reasons, extension_reason = :reason
                            where id = :id""")
                    .param("now", Jdbc.utc(clock.instant()))
                    .param("reasons", reasons == null || reasons.isBlank() ? null : reasons.strip())
                    .param("reason", reasonId == null || reasonId.isBlank() ? null : reasonId)
                    .param("id", requestId)
                    .update();
        }
        return recompute(requestId);
    }

    @Transactional
    public void markOverdue(long requestId) {
        jdbc.sql("update dsr_request set overdue = true where id = :id").param("id", requestId).update();
    }

    public List<RecordedClockStop> stops(long requestId) {
        return jdbc.sql("select reason, stopped_on, resumed_on from dsr_clock_stop where request_id = :id order by stopped_on, id")
                .param("id", requestId)
                .query((rs, row) -> new RecordedClockStop(StopReason.valueOf(rs.getString("reason")),
                        rs.getObject("stopped_on", LocalDate.class), rs.getObject("resumed_on", LocalDate.class)))
                .list();
    }

    private DsrRequest request(long requestId) {
        return requests.findById(requestId).orElseThrow(() -> new IllegalStateException("no request with id " + requestId));
    }
}
