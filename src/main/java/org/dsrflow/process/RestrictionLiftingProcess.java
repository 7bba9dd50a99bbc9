package org.dsrflow.process;

import java.util.Map;
import java.util.Set;

/**
 * The process API of {@code bpmn/restriction-lifting.bpmn}: the privacy team lifts a restriction of
 * processing (Art. 18) only after telling the requester (Art. 18(3)): its start form names the
 * request, the categories and the reason; the requester is notified, and the lifting task opens
 * when the notice period has run. Every step is recorded in {@code dsr_restriction_lifting}.
 */
public final class RestrictionLiftingProcess {

    public static final String KEY = "restriction-lifting";

    /** The start form: the answered restriction request's reference, the categories to lift, and why (the requester reads it). */
    public static final ProcessVariable<Object> REFERENCE = ProcessVariable.of("reference", Object.class);
    public static final ProcessVariable<Object> CATEGORIES = ProcessVariable.of("categories", Object.class);
    public static final ProcessVariable<Object> REASON = ProcessVariable.of("reason", Object.class);

    /** The start form's fields. */
    public static final String[] FORM_FIELDS = {REFERENCE.name(), CATEGORIES.name(), REASON.name()};

    public static final String LIFT_TASK = "user_lift_restriction";

    /** The lifting task's form: the confirmation that the departments lifted it. */
    public static final ProcessVariable<Object> LIFTED = ProcessVariable.of("lifted", Object.class);

    /** What the lifting task's form submits. */
    public static final Map<String, Set<String>> TASK_OUTPUTS = Map.of(LIFT_TASK, Set.of(LIFTED.name()));

    /** The process's own variables: the lifting record's id and the day the restriction may be lifted. */
    public static final ProcessVariable<Long> LIFTING_ID = ProcessVariable.of("liftingId", Long.class);
    public static final ProcessVariable<java.util.Date> LIFT_ON = ProcessVariable.of("liftOn", java.util.Date.class);

    private RestrictionLiftingProcess() {
    }
}
