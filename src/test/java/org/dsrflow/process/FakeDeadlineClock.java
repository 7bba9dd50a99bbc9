package org.dsrflow.process;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.ANSWER_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CLOCK_STOPPED;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_FOLLOW_UP_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTENDED_DUE_DATE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EXTENSION_REASONS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.OVERDUE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.WARNING_DATE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.dsrflow.deadlines.ExtensionNotAllowedException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Stand-in for the {@code deadlineClock} bean in BPMN path tests: fixed, easy-to-follow dates
 * (due 30 days after start, extended to 90, warning 7 days before, department target 10 days)
 * so the tests can move the engine clock to each timer. The real date rules are tested in
 * DeadlineCalculatorTest and the Spring lifecycle tests.
 */
public class FakeDeadlineClock {

    static final Duration DUE = Duration.ofDays(30);
    static final Duration EXTENDED = Duration.ofDays(90);
    static final Duration WARNING_BEFORE = Duration.ofDays(7);

    final List<String> calls = new ArrayList<>();
    Instant received;

    public String getConfirmationReminder() {
        return "P3D";
    }

    public String getConfirmationExpiry() {
        return "P14D";
    }

    public String getReplyExpiry() {
        return "P30D";
    }

    public String getReplyReminder() {
        return "P7D";
    }

    public void start(DelegateExecution execution) {
        calls.add("start");
        received = ClockUtil.now().toInstant();
        publish(execution, received.plus(DUE));
        OVERDUE.set(execution, false);
    }

    public void stop(DelegateExecution execution, String reason) {
        calls.add("stop:" + reason);
        CLOCK_STOPPED.set(execution, true);
    }

    public void resume(DelegateExecution execution) {
        calls.add("resume");
        CLOCK_STOPPED.set(execution, false);
        publish(execution, ClockUtil.now().toInstant().plus(DUE));
    }

    public void resumeAfterFee(DelegateExecution execution) {
        calls.add("resumeAfterFee");
        CLOCK_STOPPED.set(execution, false);
    }

    public void extend(DelegateExecution execution) {
        calls.add("extend");
        if (ClockUtil.now().after(DUE_DATE.from(execution))) {
            throw new ExtensionNotAllowedException("The one-month due date has passed");
        }
        if (EXTENSION_REASONS.optionalFrom(execution) == null) {
            throw new ExtensionNotAllowedException("An extension needs reasons");
        }
        Date extended = Date.from(received.plus(EXTENDED));
        EXTENDED_DUE_DATE.set(execution, extended);
        ANSWER_DUE_DATE.set(execution, extended);
        WARNING_DATE.set(execution, Date.from(extended.toInstant().minus(WARNING_BEFORE)));
        RequestTimers.moveBreachTimer(execution);
    }

    public void markOverdue(DelegateExecution execution) {
        calls.add("overdue");
        OVERDUE.set(execution, true);
    }

    public void planDepartmentWork(DelegateExecution execution) {
        Instant now = ClockUtil.now().toInstant();
        DEPARTMENT_DUE_DATE.set(execution, Date.from(now.plus(Duration.ofDays(10))));
        DEPARTMENT_FOLLOW_UP_DATE.set(execution, Date.from(now.plus(Duration.ofDays(8))));
    }

    private static void publish(DelegateExecution execution, Instant due) {
        DUE_DATE.set(execution, Date.from(due));
        ANSWER_DUE_DATE.set(execution, Date.from(due));
        WARNING_DATE.set(execution, Date.from(due.minus(WARNING_BEFORE)));
    }
}
