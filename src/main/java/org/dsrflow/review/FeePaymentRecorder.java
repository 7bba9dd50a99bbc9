package org.dsrflow.review;

import org.dsrflow.process.Deciders;
import org.dsrflow.process.FormDates;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.FEE_PAID_ON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.DataSubjectRequestProcess.FeeOutcomes;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The privacy team records a fee's payment (and the day it arrived, from which the clock runs
 * again where the site stops it for a fee) or that it was not paid; who recorded it and when are
 * kept with the fee.
 */
@Component("feePaymentRecorder")
class FeePaymentRecorder implements TaskListener, TaskCompletionCheck {

    private final Fees fees;
    private final DeadlineService deadlines;
    private final DsrProperties properties;

    FeePaymentRecorder(Fees fees, DeadlineService deadlines, DsrProperties properties) {
        this.fees = fees;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.USER_FEE_PAYMENT);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        return problems(task, submitted.text(FEE_OUTCOME.name()), submitted.text(FEE_PAID_ON.name()));
    }

    private List<String> problems(DelegateTask task, String outcome, String paidOn) {
        if (FeeOutcomes.NOT_PAID.equals(outcome)) {
            return List.of();
        }
        if (!FeeOutcomes.PAID.equals(outcome)) {
            return List.of("record whether the fee was paid (" + FeeOutcomes.PAID + " or " + FeeOutcomes.NOT_PAID + ")");
        }
        LocalDate day = FormDates.day(paidOn);
        String site = SITE.from(task);
        LocalDate decided = fees.latest(REQUEST_ID.from(task)).map(fee -> LocalDate.ofInstant(fee.decidedAt(),
                properties.site(site).zone())).orElse(null);
        if (day == null || day.isAfter(deadlines.today(site)) || (decided != null && day.isBefore(decided))) {
            return List.of("give the day the payment arrived (YYYY-MM-DD), not in the future nor before the fee notice");
        }
        return List.of();
    }

    @Override
    public void notify(DelegateTask task) {
        String outcome = FEE_OUTCOME.optionalFrom(task);
        String paidOn = FEE_PAID_ON.optionalFrom(task);
        List<String> problems = problems(task, outcome, paidOn);
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(FEE_OUTCOME.name(), String.join("; ", problems));
        }
        LocalDate day = FeeOutcomes.PAID.equals(outcome) ? FormDates.day(paidOn) : null;
        if (day != null) {
            FEE_PAID_ON.set(task.getExecution(), day.toString());
        }
        fees.record(FEE_ID.from(task), outcome, day, Deciders.of(task));
    }
}
