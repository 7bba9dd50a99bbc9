package org.dsrflow.review;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DECIDE_FIRST;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENTS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REPEAT_OF;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Decisions that can stop a request come before any department searches, erases or corrects
 * (Art. 12(5); EDPB Guidelines 01/2022 v2.1 §194: the person told of a fee may still withdraw). A
 * request is triaged when it repeats one of the same right answered recently ({@code dsr.repeat-requests.within}) or
 * when the privacy team flagged it at registration or at the identity check; every other request goes
 * straight to the departments, with no manual step. The triage refuses, notifies a fee, asks a
 * question or lets the departments search; after a paid fee or an answered (or unanswered) question
 * the request comes back here, or to the review once the departments have worked.
 */
@Component("triage")
public class Triage {

    /** A repeat, or flagged by the privacy team. */
    public boolean needed(DelegateExecution execution) {
        return REPEAT_OF.optionalFrom(execution) != null || Boolean.TRUE.equals(DECIDE_FIRST.optionalFrom(execution));
    }

    /** No department has been routed to yet: a fee paid or a question answered leads back to the triage. */
    public boolean beforeDepartments(DelegateExecution execution) {
        return DEPARTMENTS.optionalFrom(execution) == null;
    }

    /** The departments search: the triage's decision is done with (the review takes its own). */
    public void proceed(DelegateExecution execution) {
        execution.removeVariable(REVIEW_DECISION.name());
    }
}
