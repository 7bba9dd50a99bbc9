package org.dsrflow.casefile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.dsrflow.config.Register;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.departments.DepartmentReturns;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.process.RequestHistory;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.response.ExternalPartyAnswers;
import org.dsrflow.review.Clarifications;
import org.dsrflow.review.Fees;
import org.dsrflow.verification.IdentityChecks;
import org.springframework.stereotype.Component;

/**
 * Every step of a request, who took it and when, oldest first: the engine's history (each activity,
 * each task with its group, who claimed and who completed it; also of a finished request, which
 * Cockpit's community edition no longer shows) and dsr-flow's own records (received, confirmed,
 * identity checks, questions and replies, answers and returns, fees, emails, external parties, views).
 * Steps name no personal data and no free text, so managers see the same timeline as the privacy team.
 */
@Component
class CaseTimeline {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Activities that are routing, not steps: gateways, the bodies of multi-instance tasks, scopes. */
    private static final Set<String> NOT_STEPS = Set.of("multiInstanceBody", "subProcess", "exclusiveGateway",
            "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway");
    /** Activities that wait for something: shown when they begin and when what they wait for came. */
    private static final Set<String> WAITS = Set.of("intermediateMessageCatch", "receiveTask", "intermediateTimer",
            "boundaryTimer", "boundaryMessage", "intermediateSignalCatch");

    private final RequestHistory history;
    private final Register register;
    private final IdentityChecks identityChecks;
    private final Clarifications clarifications;
    private final Fees fees;
    private final DepartmentResultRepository results;
    private final DepartmentReturns returns;
    private final CorrespondenceRepository correspondence;
    private final ExternalPartyAnswers externalParties;
    private final RequestViews views;

    CaseTimeline(RequestHistory history, Register register, IdentityChecks identityChecks, Clarifications clarifications,
                 Fees fees, DepartmentResultRepository results, DepartmentReturns returns,
                 CorrespondenceRepository correspondence, ExternalPartyAnswers externalParties, RequestViews views) {
        this.history = history;
        this.register = register;
        this.identityChecks = identityChecks;
        this.clarifications = clarifications;
        this.fees = fees;
        this.results = results;
        this.returns = returns;
        this.correspondence = correspondence;
        this.externalParties = externalParties;
        this.views = views;
    }

    /** One step: when, what (the step's name; no contents), who (a user id, a group, the requester or dsr-flow). */
    record Step(Instant at, String what, String who) {

        public String time() {
            return UTC.format(at);
        }
    }

    List<Step> of(DsrRequest request) {
        List<Step> steps = new ArrayList<>();
        if (request.processInstanceId() != null) {
            engineSteps(request.processInstanceId(), steps);
        }
        recordedSteps(request, steps);
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /** A task's own title: its name without the heading every task carries (reference · type · site · due — title). */
    private static String title(String taskName) {
        int dash = taskName.lastIndexOf(" — ");
        return dash < 0 ? taskName : taskName.substring(dash + 3);
    }

    private void engineSteps(String processInstanceId, List<Step> steps) {
        Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        history.tasks(processInstanceId).forEach(task -> tasks.put(task.getId(), task));
        Map<String, String> completedBy = new HashMap<>();
        Set<String> operations = new LinkedHashSet<>();
        for (UserOperationLogEntry entry : history.operations(processInstanceId)) {
            if (entry.getTaskId() == null || !operations.add(entry.getOperationId() + entry.getOperationType())) {
                continue; // one step per operation (the log has a row per changed property)
            }
            HistoricTaskInstance task = tasks.get(entry.getTaskId());
            String name = task == null ? "a task" : title(task.getName());
            switch (entry.getOperationType()) {
                case UserOperationLogEntry.OPERATION_TYPE_CLAIM ->
                        steps.add(new Step(instant(entry.getTimestamp()), "Task claimed: " + name, entry.getUserId()));
                case UserOperationLogEntry.OPERATION_TYPE_ASSIGN ->
                        steps.add(new Step(instant(entry.getTimestamp()), "Task assigned: " + name, entry.getUserId()));
                case UserOperationLogEntry.OPERATION_TYPE_COMPLETE -> completedBy.put(entry.getTaskId(), entry.getUserId());
                default -> {
                    // other operations (e.g. follow-up dates) are not steps of the request
                }
            }
        }
        for (HistoricActivityInstance activity : history.activities(processInstanceId)) {
            String type = activity.getActivityType();
            String name = activity.getActivityName();
            if (name == null || NOT_STEPS.contains(type)) {
                continue;
            }
            Instant started = instant(activity.getStartTime());
            Instant ended = activity.getEndTime() == null ? null : instant(activity.getEndTime());
            if ("userTask".equals(type)) {
                HistoricTaskInstance task = activity.getTaskId() == null ? null : tasks.get(activity.getTaskId());
                if (task != null && task.getName() != null) {
                    name = title(task.getName()); // "Search or act in Sales" rather than the model's "... in department"
                }
                steps.add(new Step(started, "Task opened: " + name, "group " + candidateGroups(activity.getTaskId())));
                if (ended != null) {
                    boolean completed = task != null && "completed".equals(task.getDeleteReason());
                    String who = completedBy.getOrDefault(activity.getTaskId(), task == null ? null : task.getAssignee());
                    steps.add(completed
                            ? new Step(ended, "Task completed: " + name, who == null ? "unknown" : who)
                            : new Step(ended, "Task ended without completion: " + name, "dsr-flow"));
                }
            } else if (WAITS.contains(type)) {
                steps.add(new Step(started, "Waiting: " + name, "dsr-flow"));
                if (ended != null && !activity.isCanceled()) {
                    steps.add(new Step(ended, name, type.startsWith("boundary") || type.endsWith("Timer") ? "timer" : "message"));
                }
            } else if (type.endsWith("EndEvent")) {
                steps.add(new Step(started, "Ended: " + name, "dsr-flow"));
            } else if ("startEvent".equals(type)) {
                steps.add(new Step(started, "Started: " + name, "dsr-flow"));
            } else if (!activity.isCanceled()) {
                steps.add(new Step(ended != null ? ended : started, name, "dsr-flow"));
            }
        }
    }

    private String candidateGroups(String taskId) {
        if (taskId == null) {
            return "-";
        }
        List<String> groups = history.candidateGroups(taskId);
        return groups.isEmpty() ? "-" : String.join(", ", groups);
    }

    private void recordedSteps(DsrRequest request, List<Step> steps) {
        long id = request.id();
        boolean web = request.channel() == Channel.WEB;
        steps.add(new Step(request.createdAt(), "Request recorded (" + request.channel() + ", received on " + request.receivedOn() + ")",
                web ? "requester" : "privacy team"));
        if (request.confirmedAt() != null) {
            steps.add(new Step(request.confirmedAt(), web ? "Email address confirmed" : "Registered request started",
                    web ? "requester" : "privacy team"));
        }
        identityChecks.findByRequest(id).forEach(check -> steps.add(new Step(check.checkedAt(),
                "Identity check recorded: " + check.outcome() + " (" + check.method() + ")", check.checkedBy())));
        clarifications.all(id).forEach(exchange -> steps.add(new Step(exchange.askedAt(), "Question to the requester asked",
                exchange.askedBy())));
        clarifications.replies(id).forEach(reply -> steps.add(new Step(reply.receivedAt(),
                reply.answersQuestion() ? "Requester answered our question" + (reply.inboxMessageId() != null ? " by email" : "")
                        : reply.isEvidence() ? "Requester replied with identity evidence" + (reply.inboxMessageId() != null ? " by email" : "")
                        : "Requester's email arrived", "requester")));
        for (DepartmentResult result : results.findByRequest(id)) {
            steps.add(new Step(result.completedAt(), "Answer recorded for " + register.forStaff().departmentName(result.department()),
                    result.completedBy()));
        }
        returns.findByRequest(id).forEach(returned -> steps.add(new Step(returned.returnedAt(),
                "Answer returned to " + register.forStaff().departmentName(returned.department()), returned.returnedBy())));
        fees.latest(id).ifPresent(fee -> steps.add(new Step(fee.decidedAt(), "Fee decided", fee.decidedBy())));
        correspondence.findByRequest(id).stream().filter(entry -> entry.sentAt() != null
                        && ("SENT".equals(entry.status()) || entry.bouncedAt() != null))
                .forEach(entry -> steps.add(new Step(entry.sentAt(), "Email sent: " + entry.kind().template()
                        + " (to the " + entry.kind().audience().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")", "dsr-flow")));
        // A bounce is a step of its own: the email did not arrive.
        correspondence.findByRequest(id).stream().filter(entry -> entry.bouncedAt() != null)
                .forEach(entry -> steps.add(new Step(entry.bouncedAt(), "Email bounced: " + entry.kind().template()
                        + " (" + entry.bounceStatus() + ")", "mail server")));
        externalParties.of(id).forEach(party -> {
            if (party.askedAt() != null) {
                steps.add(new Step(party.askedAt(), "Asked to confirm: " + party.party(), "dsr-flow"));
            }
            if (party.answeredAt() != null) {
                steps.add(new Step(party.answeredAt(), "Answered: " + party.party() + " (" + party.outcome() + ")", party.party()));
            }
        });
        views.findByRequest(id).forEach(view -> steps.add(new Step(view.viewedAt(),
                "Request page viewed by the department " + view.department(), view.viewedBy())));
        if (request.extendedAt() != null) {
            steps.add(new Step(request.extendedAt(), "Deadline extended", "privacy team"));
        }
        if (request.closedAt() != null) {
            steps.add(new Step(request.closedAt(), "Request closed: " + request.status(), "dsr-flow"));
        }
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }
}
