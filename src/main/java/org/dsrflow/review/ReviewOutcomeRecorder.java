package org.dsrflow.review;

import org.dsrflow.process.Deciders;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CLARIFICATION_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CLARIFICATION_QUESTION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_AMOUNT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_CALCULATION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_CLOSES_AT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_PAID_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_PAYMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_PAY_BY;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_REASON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_REASONS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_TO;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.deadlines.StopReason;
import org.dsrflow.departments.DepartmentReturns;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.DataSubjectRequestProcess.ReviewDecisions;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The privacy review's "clarify" and "fee" decisions, and the same decisions at the triage before the departments act. Checked before the completion is applied (a
 * question; a fee's amount, reasons, calculation and how to pay, at a site whose currency the
 * register names), and on completion moved out of the process: the question into
 * {@code dsr_clarification}, the fee into {@code dsr_fee}; the process keeps their ids and the
 * fee's dates. A returned answer is recorded with its comment ({@code dsr_department_return}). A fee is never charged by itself: only a person's review decides one (Art. 12(5)).
 */
@Component("reviewOutcomeRecorder")
class ReviewOutcomeRecorder implements TaskListener, TaskCompletionCheck {

    static final int MAX_QUESTION = 2000;
    static final int MAX_REASONS = 4000;
    static final int MAX_TEXT = 2000;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000");
    static final List<String> TEXTS = List.of(CLARIFICATION_QUESTION.name(), FEE_AMOUNT.name(), FEE_REASONS.name(),
            FEE_CALCULATION.name(), FEE_PAYMENT.name(), FEE_REASON.name());

    private final Clarifications clarifications;
    private final Fees fees;
    private final DeadlineService deadlines;
    private final DsrProperties properties;
    private final DepartmentReturns returns;
    private final java.time.Clock clock;
    private final org.dsrflow.process.RequestProcessAdapter process;
    private final org.dsrflow.config.Register register;

    ReviewOutcomeRecorder(Clarifications clarifications, Fees fees, DeadlineService deadlines, DsrProperties properties,
                          DepartmentReturns returns, java.time.Clock clock, org.dsrflow.config.Register register,
                          // Lazy: this check is part of the engine's own configuration (guard/), the adapter needs the engine.
                          @org.springframework.context.annotation.Lazy org.dsrflow.process.RequestProcessAdapter process) {
        this.register = register;
        this.process = process;
        this.clarifications = clarifications;
        this.fees = fees;
        this.deadlines = deadlines;
        this.properties = properties;
        this.returns = returns;
        this.clock = clock;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.PRIVACY_REVIEW, Elements.USER_TRIAGE);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        List<String> problems = problems(submitted.text(REVIEW_DECISION.name()), SITE.from(task), submitted::text);
        String decision = submitted.text(REVIEW_DECISION.name());
        if ((ReviewDecisions.CLARIFY.equals(decision) || ReviewDecisions.FEE.equals(decision))
                && process.isAskingTheRequester(task.getExecution().getProcessBusinessKey())) {
            // One wait for the requester at a time: the question asked from Tasklist while the departments worked
            // still waits (a fee meanwhile would share its clock stop).
            problems.add("the requester has not yet answered the question asked while the departments worked:"
                    + " read it on the request's questions page and wait for the answer or its last day");
        }
        return problems;
    }

    private List<String> problems(String decision, String site, java.util.function.Function<String, String> value) {
        List<String> problems = new ArrayList<>();
        if (ReviewDecisions.CLARIFY.equals(decision)) {
            text(value.apply(CLARIFICATION_QUESTION.name()), MAX_QUESTION, "write the question to the requester", problems);
        } else if (ReviewDecisions.FEE.equals(decision)) {
            if (properties.site(site).currency() == null) {
                problems.add("the register names no currency for site " + site + ": no fee can be charged there");
            }
            BigDecimal amount = amount(value.apply(FEE_AMOUNT.name()));
            if (amount == null) {
                problems.add("give the fee as an amount above 0 and at most " + MAX_AMOUNT.toPlainString() + ", with at most two decimals");
            }
            // A standard reason of the register, the privacy team's own words, or both.
            String reasons = value.apply(FEE_REASONS.name());
            problems.addAll(register.reasonProblems(DsrProperties.ReasonKind.FEE, FEE_REASON.name(), value.apply(FEE_REASON.name()),
                    FEE_REASONS.name(), reasons, "the reasons why the request is manifestly unfounded or excessive"));
            if (reasons != null && !reasons.isBlank()) {
                text(reasons, MAX_REASONS, "give the reasons why the request is manifestly unfounded or excessive", problems);
            }
            text(value.apply(FEE_CALCULATION.name()), MAX_TEXT, "say how the amount follows from the administrative costs", problems);
            text(value.apply(FEE_PAYMENT.name()), MAX_TEXT, "say how to pay", problems);
        }
        return problems;
    }

    private static void text(String text, int max, String problem, List<String> problems) {
        if (text == null || text.isBlank() || text.length() > max || text.chars().anyMatch(ReviewOutcomeRecorder::isControl)) {
            problems.add(problem + " (at most " + max + " characters, no control characters)");
        }
    }

    static boolean isControl(int c) {
        return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
    }

    /** A positive amount with at most two decimals, or null. */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
                return null;
            }
            return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = REVIEW_DECISION.optionalFrom(task);
        DelegateExecution execution = task.getExecution();
        String site = SITE.from(task);
        List<String> problems = problems(decision, site, name -> {
            Object value = task.getVariable(name);
            return value == null ? null : String.valueOf(value);
        });
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(REVIEW_DECISION.name(), "The answer is incomplete: " + String.join("; ", problems));
        }
        long requestId = REQUEST_ID.from(task);
        if (ReviewDecisions.RETURN.equals(decision)) {
            // Kept for the request page: which answer went back, why, by whom (the process forgets it after the rework).
            String department = RETURN_TO.optionalFrom(task);
            if (department != null) {
                returns.record(requestId, department, RETURN_COMMENT.optionalFrom(task), Deciders.of(task), clock.instant());
            }
        } else if (ReviewDecisions.CLARIFY.equals(decision)) {
            long id = clarifications.ask(requestId, CLARIFICATION_QUESTION.from(task).strip(), Deciders.of(task),
                    deadlines.stopsClock(requestId, StopReason.CLARIFICATION));
            CLARIFICATION_ID.set(execution, id);
        } else if (ReviewDecisions.FEE.equals(decision)) {
            ZoneId zone = properties.site(site).zone();
            // The last day to pay is a working day of the site (like every deadline there).
            LocalDate today = deadlines.today(site);
            LocalDate payBy = deadlines.nextWorkingDay(site, today.plusDays(properties.fees().paymentPeriod().toDays()));
            boolean clockWaits = deadlines.stopsClock(requestId, StopReason.FEE);
            if (!clockWaits) {
                // Where the month keeps running (EU/EEA), nothing may push the answer past its due date, and
                // Art. 12(3) allows no extension for a fee: the last day to pay is the due date at the latest.
                LocalDate due = deadlines.current(requestId).answerDueDate();
                payBy = payBy.isAfter(due) ? (due.isBefore(today) ? today : due) : payBy;
            }
            long id = fees.charge(requestId, amount(String.valueOf(FEE_AMOUNT.from(task))),
                    properties.site(site).currency().getCurrencyCode(), FEE_REASON.optionalFrom(task),
                    FEE_REASONS.optionalFrom(task) == null ? "" : FEE_REASONS.optionalFrom(task).strip(),
                    FEE_CALCULATION.from(task).strip(), FEE_PAYMENT.from(task).strip(), Deciders.of(task), payBy,
                    clockWaits);
            VariableMap dates = Variables.createVariables()
                    .putValue(FEE_ID.name(), id)
                    .putValue(FEE_PAY_BY.name(), endOfDay(payBy, zone))
                    .putValue(FEE_CLOSES_AT.name(), endOfDay(payBy.plusDays(properties.fees().recordingTime().toDays()), zone));
            execution.setVariables(dates);
            execution.removeVariables(List.of(FEE_OUTCOME.name(), FEE_PAID_ON.name()));
        }
        // The texts are in dsr-flow's tables now (and the history level never recorded them).
        execution.removeVariables(TEXTS);
    }

    private static Date endOfDay(LocalDate day, ZoneId zone) {
        return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant());
    }
}
