package org.dsrflow.response;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.departments.DepartmentAnswer;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.notification.CorrespondenceService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.process.RestrictionLiftingProcess;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.support.Jdbc;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lifting a restriction of processing (Art. 18(3)): the privacy team names the answered restriction
 * request, the categories and the reason; the requester is told first, in their language, with the
 * day from which the data is used again ({@code dsr.restriction-lifting.notice} after the notice);
 * only then does the lifting task open. Each step is recorded in {@code dsr_restriction_lifting}.
 * Used by {@code bpmn/restriction-lifting.bpmn} as {@code ${restrictionLifting...}}.
 */
@Component("restrictionLifting")
public class RestrictionLifting {

    private static final String FORM = RestrictionLiftingProcess.KEY;

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final DepartmentResultRepository results;
    private final DeadlineService deadlines;
    private final CorrespondenceService correspondence;
    private final Register register;
    private final Clock clock;
    private final Duration notice;

    RestrictionLifting(JdbcClient jdbc, RequestRepository requests, DepartmentResultRepository results,
                       DeadlineService deadlines, CorrespondenceService correspondence, Register register, Clock clock,
                       @Value("${dsr.restriction-lifting.notice:P14D}") Duration notice) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.results = results;
        this.deadlines = deadlines;
        this.correspondence = correspondence;
        this.register = register;
        this.clock = clock;
        this.notice = notice;
    }

    /** The start form: checks the request and categories, records the lifting; a bad form stores nothing (400). */
    public void record(DelegateExecution execution) {
        String reference = text(RestrictionLiftingProcess.REFERENCE.optionalFrom(execution));
        String reason = text(RestrictionLiftingProcess.REASON.optionalFrom(execution));
        List<String> given = org.dsrflow.process.FormValues.list(RestrictionLiftingProcess.CATEGORIES.optionalFrom(execution));
        List<String> categories = given == null ? List.of() : given;
        List<String> problems = new ArrayList<>();
        Optional<DsrRequest> found = reference == null ? Optional.empty() : requests.findByReference(reference.strip());
        if (found.isEmpty()) {
            throw refused("reference: no request " + (reference == null ? "given" : reference.replaceAll("[^A-Za-z0-9-]", "")));
        }
        DsrRequest request = found.get();
        if (!request.type().canBeLifted() || request.status() != RequestStatus.ANSWERED) {
            throw refused("reference: " + request.reference() + " is not an answered restriction request");
        }
        Set<String> restricted = restrictedCategories(request);
        if (categories.isEmpty()) {
            problems.add("categories: choose at least one of the restricted categories " + restricted);
        } else if (!restricted.containsAll(categories)) {
            problems.add("categories: only the restricted categories " + restricted + " can be lifted");
        }
        if (reason == null || reason.isBlank() || reason.length() > 4000) {
            problems.add("reason: say why the restriction is lifted (at most 4000 characters; the requester receives it)");
        }
        if (open(request.id()).isPresent()) {
            problems.add("reference: a lifting of " + request.reference() + " is already under way");
        }
        if (!problems.isEmpty()) {
            throw refused(String.join("; ", problems));
        }
        LocalDate liftOn = deadlines.today(request.site()).plusDays(notice.toDays());
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_restriction_lifting (request_id, categories, reason, requested_by, requested_at, lift_on,
                            process_instance_id)
                        values (:request, :categories, :reason, :by, :now, :liftOn, :instance)""")
                .param("request", request.id()).param("categories", String.join(",", categories))
                .param("reason", reason.strip()).param("by", String.valueOf(authenticatedUser(execution)))
                .param("now", Jdbc.utc(clock.instant())).param("liftOn", liftOn)
                .param("instance", execution.getProcessInstanceId())
                .update(keys, "id");
        execution.setProcessBusinessKey(request.reference());
        RestrictionLiftingProcess.LIFTING_ID.set(execution, keys.getKeyAs(Number.class).longValue());
        RestrictionLiftingProcess.LIFT_ON.set(execution, Date.from(liftOn.atTime(LocalTime.of(8, 0))
                .atZone(register.forStaff().site(request.site()).zone()).toInstant()));
    }

    /** Tells the requester before anything is lifted (exactly once, like every email). */
    public void sendNotice(DelegateExecution execution) {
        long id = RestrictionLiftingProcess.LIFTING_ID.from(execution);
        DsrRequest request = requests.findById(requestOf(id)).orElseThrow();
        correspondence.send(request, EmailKind.RESTRICTION_LIFTING_NOTICE, new EmailContext(null, null, null, null, false),
                request.reference() + ":" + EmailKind.RESTRICTION_LIFTING_NOTICE + ":lifting-" + id);
        jdbc.sql("update dsr_restriction_lifting set notice_sent_at = :now where id = :id and notice_sent_at is null")
                .param("now", Jdbc.utc(clock.instant())).param("id", id).update();
    }

    /** The privacy team confirms the departments lifted it: who and when. */
    public void lifted(DelegateTask task) {
        if (!Boolean.TRUE.equals(RestrictionLiftingProcess.LIFTED.optionalFrom(task))) {
            throw refused("lifted: confirm that the departments have lifted the restriction");
        }
        jdbc.sql("update dsr_restriction_lifting set lifted_by = :by, lifted_at = :now where id = :id")
                .param("by", String.valueOf(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
                        ? task.getAssignee() : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId()))
                .param("now", Jdbc.utc(clock.instant()))
                .param("id", RestrictionLiftingProcess.LIFTING_ID.from(task))
                .update();
    }

    /** The categories the departments restricted on this request. */
    Set<String> restrictedCategories(DsrRequest request) {
        Set<String> restricted = new LinkedHashSet<>();
        for (DepartmentResult result : results.findByRequest(request.id())) {
            request.categories().stream()
                    .filter(category -> result.answer().category(category).action().filter(DepartmentAnswer.Action.restricted::equals).isPresent())
                    .forEach(restricted::add);
        }
        return restricted;
    }

    /** A lifting of this request not yet completed. */
    public Optional<Long> open(long requestId) {
        return jdbc.sql("select id from dsr_restriction_lifting where request_id = :id and lifted_at is null order by id desc")
                .param("id", requestId).query(Long.class).optional();
    }

    private long requestOf(long liftingId) {
        return jdbc.sql("select request_id from dsr_restriction_lifting where id = :id").param("id", liftingId)
                .query(Long.class).single();
    }

    private static String authenticatedUser(DelegateExecution execution) {
        var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? "system" : authentication.getUserId();
    }

    private static FormFieldValidationException refused(String problems) {
        return new FormFieldValidationException(FORM, "The restriction was not lifted: " + problems);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
