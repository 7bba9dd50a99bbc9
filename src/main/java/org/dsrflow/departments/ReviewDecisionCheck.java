package org.dsrflow.departments;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENTS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REFUSAL_REASON;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_TO;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.dsrflow.config.DsrProperties.ReasonKind;
import org.dsrflow.config.Register;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.DataSubjectRequestProcess.ReviewDecisions;
import org.dsrflow.process.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The privacy review decides one of six things (the triage before the departments act one of four:
 * proceed, refuse, clarify or fee), and a returned answer goes back to a department
 * that worked on this request (its candidate group becomes the rework task's): never to another
 * group, which would hand that group the task's variables. Refusals carry their reasons (Art. 12(4)): a standard
 * reason of the register, or the privacy team's own words, or both.
 * A question to the requester and a fee are checked by {@code review/ReviewOutcomeRecorder}.
 */
@Component
class ReviewDecisionCheck implements TaskCompletionCheck {

    static final List<String> DECISIONS = List.of(ReviewDecisions.APPROVE, ReviewDecisions.RETURN,
            ReviewDecisions.PARTIAL, ReviewDecisions.REFUSE, ReviewDecisions.CLARIFY, ReviewDecisions.FEE);
    static final List<String> TRIAGE_DECISIONS = List.of(ReviewDecisions.PROCEED, ReviewDecisions.REFUSE,
            ReviewDecisions.CLARIFY, ReviewDecisions.FEE);

    private final Register register;
    /** The files' table, not {@link ReviewedFiles}: this check is made with the engine, before the files' key is read. */
    private final DepartmentFileRepository files;

    ReviewDecisionCheck(Register register, DepartmentFileRepository files) {
        this.register = register;
        this.files = files;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(Elements.PRIVACY_REVIEW, Elements.USER_TRIAGE);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        List<String> problems = new ArrayList<>();
        String decision = submitted.text(REVIEW_DECISION.name());
        List<String> allowed = Elements.USER_TRIAGE.equals(task.getTaskDefinitionKey()) ? TRIAGE_DECISIONS : DECISIONS;
        if (decision == null || !allowed.contains(decision)) {
            problems.add("choose a decision (" + String.join(", ", allowed) + ")");
        } else if (ReviewDecisions.RETURN.equals(decision)) {
            List<String> worked = DEPARTMENTS.optionalFrom(task);
            String returnTo = submitted.text(RETURN_TO.name());
            if (returnTo == null || worked == null || !worked.contains(returnTo)) {
                problems.add("return the answer to one of the departments that worked on it " + (worked == null ? "" : worked));
            }
            if (isBlank(submitted.text(RETURN_COMMENT.name()))) {
                problems.add("say what the department must correct");
            }
        } else if (ReviewDecisions.PARTIAL.equals(decision) || ReviewDecisions.REFUSE.equals(decision)) {
            problems.addAll(register.reasonProblems(ReasonKind.REFUSAL, REFUSAL_REASON.name(), submitted.text(REFUSAL_REASON.name()),
                    REVIEW_COMMENT.name(), submitted.text(REVIEW_COMMENT.name()), "the reasons for the refusal"));
        }
        // Nothing leaves without a decision on each department file (issue 24): an answer that hands over data waits for them.
        if ((ReviewDecisions.APPROVE.equals(decision) || ReviewDecisions.PARTIAL.equals(decision))
                && Elements.PRIVACY_REVIEW.equals(task.getTaskDefinitionKey())) {
            long undecided = files.undecided(REQUEST_ID.from(task));
            if (undecided > 0) {
                problems.add("decide on each department file first (" + undecided + " undecided): open \"Review the departments' "
                        + "files\" and include, exclude with a reason, or replace each with a redacted version");
            }
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
