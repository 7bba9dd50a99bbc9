package org.dsrflow.deadlines;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.ANSWER_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CLOCK_STOPPED;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_FOLLOW_UP_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTENDED_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTENSION_REASONS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_PAID_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.OVERDUE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RECEIVED_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.WARNING_DATE;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestTimers;
import org.springframework.stereotype.Component;

/**
 * The statutory clock as the BPMN sees it ({@code ${deadlineClock...}} listeners and expressions).
 * Every date it works with becomes a date-typed process variable, so Cockpit shows and sorts them
 * and every timer reads a variable: nothing about the clock is hidden in code.
 */
@Component("deadlineClock")
public class ProcessDeadlineClock {

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
    private static final LocalTime MORNING = LocalTime.of(8, 0);
    private static final LocalTime END_OF_WORKING_DAY = LocalTime.of(17, 0);

    private final DeadlineService deadlines;
    private final DeadlineCalculator calculator;
    private final DsrProperties properties;

    ProcessDeadlineClock(DeadlineService deadlines, DeadlineCalculator calculator, DsrProperties properties) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.properties = properties;
    }

    /** ISO-8601 duration for the reminder timer of an unconfirmed request. */
    public String getConfirmationReminder() {
        return properties.deadlines().confirmationReminder().toString();
    }

    /** ISO-8601 duration after which an unconfirmed request is closed. */
    public String getConfirmationExpiry() {
        return properties.deadlines().confirmationExpiry().toString();
    }

    /** ISO-8601 duration after which a request waiting for the requester's answer is closed. */
    public String getReplyExpiry() {
        return properties.deadlines().replyExpiry().toString();
    }

    /** At the start: the deadlines from the date of receipt. */
    public void start(DelegateExecution execution) {
        publish(execution, deadlines.recompute(REQUEST_ID.from(execution)));
    }

    /** ISO-8601 duration after which a requester who has not answered our question is reminded. */
    public String getReplyReminder() {
        return properties.deadlines().replyReminder().toString();
    }

    /**
     * The organisation starts waiting for the requester. Where that stops the clock (always for the
     * email confirmation and identity evidence; for a question or a fee by the site's rule), the
     * clock's timers of the handling phase are suspended: while it is stopped, no warning,
     * extension cut-off or breach can fall due.
     */
    public void stop(DelegateExecution execution, String reason) {
        if (deadlines.stopClock(REQUEST_ID.from(execution), StopReason.valueOf(reason))) {
            CLOCK_STOPPED.set(execution, true);
            RequestTimers.holdClockTimers(execution);
        }
    }

    /** The requester answered: the clock runs again, the due dates are recomputed and the timers move. */
    public void resume(DelegateExecution execution) {
        resume(execution, null);
    }

    /** The fee wait ends: a recorded payment restarts the clock on the day it arrived, anything else today. */
    public void resumeAfterFee(DelegateExecution execution) {
        String paidOn = DataSubjectRequestProcess.FeeOutcomes.PAID.equals(FEE_OUTCOME.optionalFrom(execution))
                ? FEE_PAID_ON.optionalFrom(execution) : null;
        resume(execution, paidOn == null ? null : LocalDate.parse(paidOn));
    }

    private void resume(DelegateExecution execution, LocalDate answeredOn) {
        boolean wasStopped = Boolean.TRUE.equals(CLOCK_STOPPED.optionalFrom(execution));
        publish(execution, deadlines.resumeClock(REQUEST_ID.from(execution), answeredOn));
        if (wasStopped) {
            RequestTimers.resumeClockTimers(execution);
        }
    }

    /** The privacy team extends the deadline: new dates, and the breach timer moves to the new date. */
    public void extend(DelegateExecution execution) {
        publish(execution, deadlines.extend(REQUEST_ID.from(execution),
                org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTENSION_REASON.optionalFrom(execution),
                EXTENSION_REASONS.optionalFrom(execution)));
        RequestTimers.moveBreachTimer(execution);
    }

    public void markOverdue(DelegateExecution execution) {
        deadlines.markOverdue(REQUEST_ID.from(execution));
        OVERDUE.set(execution, true);
    }

    /**
     * The internal target of the department tasks: {@code department-target} from now, but never
     * later than the due date minus the time kept for the privacy review; on a working day of the
     * site (the one before, to keep the review's time), and never before today.
     */
    public void planDepartmentWork(DelegateExecution execution) {
        String site = SITE.from(execution);
        LocalDate today = deadlines.today(site);
        LocalDate answerDue = deadlines.current(REQUEST_ID.from(execution)).answerDueDate();
        LocalDate target = min(today.plusDays(properties.deadlines().departmentTarget().toDays()),
                answerDue.minusDays(properties.deadlines().reviewReserve().toDays()));
        target = notBefore(calculator.previousWorkingDay(site, target), today);
        LocalDate followUp = notBefore(calculator.previousWorkingDay(site,
                target.minusDays(properties.deadlines().departmentReminderBefore().toDays())), today);
        ZoneId zone = properties.site(site).zone();
        DEPARTMENT_DUE_DATE.set(execution, at(target, END_OF_WORKING_DAY, zone));
        DEPARTMENT_FOLLOW_UP_DATE.set(execution, at(followUp, MORNING, zone));
    }

    private void publish(DelegateExecution execution, RequestDeadlines current) {
        ZoneId zone = properties.site(SITE.from(execution)).zone();
        RECEIVED_ON.set(execution, at(current.receivedOn(), LocalTime.MIDNIGHT, zone));
        DUE_DATE.set(execution, at(current.deadlines().dueDate(), END_OF_DAY, zone));
        if (current.extended()) {
            EXTENDED_DUE_DATE.set(execution, at(current.deadlines().extendedDueDate(), END_OF_DAY, zone));
        }
        ANSWER_DUE_DATE.set(execution, at(current.answerDueDate(), END_OF_DAY, zone));
        WARNING_DATE.set(execution, at(current.answerDueDate().minusDays(properties.deadlines().warningBefore().toDays()),
                MORNING, zone));
        CLOCK_STOPPED.set(execution, current.clockStopped());
        OVERDUE.set(execution, current.overdue());
    }

    private static Date at(LocalDate date, LocalTime time, ZoneId zone) {
        return Date.from(date.atTime(time).atZone(zone).toInstant());
    }

    private static LocalDate notBefore(LocalDate date, LocalDate earliest) {
        return date.isBefore(earliest) ? earliest : date;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
