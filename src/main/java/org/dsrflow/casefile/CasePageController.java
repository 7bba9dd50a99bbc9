package org.dsrflow.casefile;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.departments.DepartmentAnswerViews;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestHistory;
import org.dsrflow.process.RequestTasks;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.response.ExternalPartyAnswers;
import org.dsrflow.review.Clarifications;
import org.dsrflow.review.Fees;
import org.dsrflow.security.web.StaffSessions;
import org.dsrflow.security.web.StaffSessions.StaffUser;
import org.dsrflow.verification.IdentityChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The request page, {@code /staff/requests/{reference}}, opened from every task form in Tasklist.
 * Least privilege, not least information; each role sees what its work needs:
 * <ul>
 * <li>a department, while it has an open task of the request (claimed or not: it reads the page to
 * decide), what it searches for: the name, email address and what the requester wrote, the type,
 * categories, site, who acts on the person's behalf, and its task's due date. Each view is recorded;</li>
 * <li>the privacy team (and administrators): the whole case, with the timeline of every step;</li>
 * <li>managers: the case without contents: dates, status, deadlines, clock stops and the timeline.</li>
 * </ul>
 * Authenticated by the Camunda webapp session (Tasklist, Cockpit) or single sign-on. Every value is
 * escaped by the templates; pages are not stored by browsers or proxies.
 */
@RestController
class CasePageController {

    private static final DateTimeFormatter TASK_DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RequestRepository requests;
    private final RequestTasks tasks;
    private final RequestHistory history;
    private final DsrProperties properties;
    private final Register register;
    private final RequestViews views;
    private final CaseTimeline timeline;
    private final DepartmentAnswerViews departmentAnswers;
    private final IdentityChecks identityChecks;
    private final Clarifications clarifications;
    private final Fees fees;
    private final CorrespondenceRepository correspondence;
    private final org.dsrflow.response.Letters letters;
    private final org.dsrflow.inbox.RequestEmails emails;
    private final ExternalPartyAnswers externalParties;
    private final DeadlineService deadlines;
    private final ITemplateEngine templates;
    private final Clock clock;
    private final String webapp;
    private final org.dsrflow.request.StaffLabels labels;
    /** Art. 20(2): where the requester had a portability answer sent (issue 24); its own section, staff/transmissions. */
    private final org.dsrflow.response.Transmissions transmissions;
    /** The departments' systems searched and acted on (issue 26): no personal data, also for managers. */
    private final org.dsrflow.systems.SystemRecords systemRecords;
    private final org.dsrflow.evidence.IdentityEvidence identityEvidence;

    CasePageController(RequestRepository requests, RequestTasks tasks, RequestHistory history, DsrProperties properties,
                          Register register, RequestViews views, CaseTimeline timeline, DepartmentAnswerViews departmentAnswers,
                          IdentityChecks identityChecks, Clarifications clarifications, Fees fees,
                          CorrespondenceRepository correspondence, org.dsrflow.response.Letters letters, org.dsrflow.inbox.RequestEmails emails, ExternalPartyAnswers externalParties, DeadlineService deadlines,
                          ITemplateEngine templates, Clock clock, org.dsrflow.request.StaffLabels labels,
                          @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapp,
                          org.dsrflow.response.Transmissions transmissions, org.dsrflow.systems.SystemRecords systemRecords,
                          org.dsrflow.evidence.IdentityEvidence identityEvidence) {
        this.transmissions = transmissions;
        this.systemRecords = systemRecords;
        this.labels = labels;
        this.identityEvidence = identityEvidence;
        this.requests = requests;
        this.tasks = tasks;
        this.history = history;
        this.properties = properties;
        this.register = register;
        this.views = views;
        this.timeline = timeline;
        this.departmentAnswers = departmentAnswers;
        this.identityChecks = identityChecks;
        this.clarifications = clarifications;
        this.fees = fees;
        this.correspondence = correspondence;
        this.letters = letters;
        this.emails = emails;
        this.externalParties = externalParties;
        this.deadlines = deadlines;
        this.templates = templates;
        this.clock = clock;
        this.webapp = webapp;
    }

    @GetMapping(path = "/staff/requests/{reference}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, HttpServletRequest http) {
        Optional<StaffUser> signedIn = StaffSessions.current(http);
        if (signedIn.isEmpty()) {
            return refused(HttpStatus.UNAUTHORIZED, "Log into Camunda Tasklist or Cockpit first, then open this page again.");
        }
        StaffUser user = signedIn.get();
        DsrRequest request = requests.findByReference(reference).orElse(null);
        if (request == null) {
            return StaffSessions.noRequest(reference);
        }
        if (user.privacyTeam()) {
            return page("staff/request-case", caseContext(request));
        }
        List<String> departments = user.groups().stream()
                .filter(group -> properties.organisation().departments().containsKey(group)).toList();
        for (String department : departments) {
            Task open = tasks.openDepartmentTask(request.reference(), department).orElse(null);
            if (open != null) {
                views.record(request.id(), user.userId(), department, clock.instant());
                return page("staff/request-department", departmentContext(request, department, open));
            }
        }
        if (user.manager()) {
            return page("staff/request-manager", managerContext(request));
        }
        if (!departments.isEmpty() && departments.stream().anyMatch(department -> history.hadDepartmentTask(request.reference(), department))) {
            return refused(HttpStatus.FORBIDDEN, "Your department's task for " + request.reference()
                    + " is done: the request page is open to a department only while it has a task of the request.");
        }
        return refused(HttpStatus.FORBIDDEN, departments.isEmpty()
                ? "Only the privacy team, managers and the departments working on a request may open its page."
                : "Your department has no task for " + request.reference() + ": only the departments working on it may open its page.");
    }

    /** What a department needs to search for the person, and nothing else. */
    private Context departmentContext(DsrRequest request, String department, Task task) {
        Context context = base(request);
        Register.InLanguage staff = register.forStaff();
        context.setVariable("department", department);
        context.setVariable("departmentName", staff.departmentName(department));
        context.setVariable("requester", requester(request));
        context.setVariable("heldCategories", request.categories().stream()
                .filter(category -> properties.organisation().categories().containsKey(category))
                .filter(category -> properties.organisation().category(category).departments().contains(department))
                .map(this::categoryName).toList());
        ZoneId zone = properties.site(request.site()).zone();
        context.setVariable("taskDue", task.getDueDate() == null ? null
                : TASK_DUE.format(task.getDueDate().toInstant().atZone(zone)) + " (" + zone + ")");
        context.setVariable("rework", Elements.DEPARTMENT_REWORK.equals(task.getTaskDefinitionKey()));
        context.setVariable("backUrl", webapp + "/app/tasklist/default/#/?task=" + task.getId());
        return context;
    }

    /** The whole case, for the privacy team. */
    private Context caseContext(DsrRequest request) {
        Context context = base(request);
        long id = request.id();
        context.setVariable("requester", requester(request));
        context.setVariable("extensionReasons", request.extensionReasons());
        // The standard reason picked for the extension, by its staff label (the requester read its text in their language).
        String extensionReason = deadlines.current(id).extensionReason();
        context.setVariable("extensionReason", extensionReason == null ? null : register.reasons(
                org.dsrflow.config.DsrProperties.ReasonKind.EXTENSION).stream().filter(reason -> reason.id().equals(extensionReason))
                .map(org.dsrflow.config.DsrProperties.Reason::label).findFirst().orElse(extensionReason));
        context.setVariable("identityChecks", identityChecks.findByRequest(id).stream()
                .map(check -> new IdentityCheckView(check.method(), check.outcome(), check.asked(), check.checkedBy(),
                        CaseTimeline.UTC.format(check.checkedAt()))).toList());
        List<Clarifications.Reply> replies = clarifications.replies(id);
        context.setVariable("evidenceReplies", replies.stream().filter(Clarifications.Reply::isEvidence)
                .map(reply -> new ReplyView(reply.text(), CaseTimeline.UTC.format(reply.receivedAt()), null, true)).toList());
        // Identity evidence: the files held until the decision (their page), then only how many and when deleted.
        context.setVariable("evidenceFilesHeld", identityEvidence.of(id).size());
        context.setVariable("evidenceDeletions", identityEvidence.deletions(id));
        // Every reply that came by email, with its message page; privacy team only (never in a department's view).
        context.setVariable("emailReplies", replies.stream().filter(reply -> reply.inboxMessageId() != null)
                .map(reply -> new ReplyView(reply.text(), CaseTimeline.UTC.format(reply.receivedAt()), reply.inboxMessageId(),
                        reply.awaited())).toList());
        context.setVariable("questions", clarifications.all(id).stream()
                .map(exchange -> new QuestionView(exchange.question(), exchange.askedBy(), CaseTimeline.UTC.format(exchange.askedAt()),
                        exchange.answer(), exchange.answeredAt() == null ? null : CaseTimeline.UTC.format(exchange.answeredAt())))
                .toList());
        context.setVariable("departmentAnswers", departmentAnswers.of(id));
        context.setVariable("departmentReturns", departmentAnswers.returns(id));
        context.setVariable("openDepartments", openDepartments(request));
        context.setVariable("fee", fees.latest(id).orElse(null));
        context.setVariable("entries", correspondence.findByRequest(id));
        context.setVariable("letters", letters.of(id));
        context.setVariable("emails", emails.of(id));
        context.setVariable("parties", externalParties.of(id));
        context.setVariable("transmissions", transmissions.of(id));
        context.setVariable("systemRuns", systemRecords.lines(id));
        context.setVariable("views", views.findByRequest(id).stream()
                .map(view -> new ViewView(register.forStaff().departmentName(view.department()), view.department(), view.viewedBy(),
                        CaseTimeline.UTC.format(view.viewedAt()))).toList());
        context.setVariable("backUrl", webapp + "/app/tasklist/default/");
        return context;
    }

    /** The case without contents: no personal data, no answers, no free texts. */
    private Context managerContext(DsrRequest request) {
        Context context = base(request);
        context.setVariable("backUrl", webapp + "/app/tasklist/default/");
        context.setVariable("cockpitUrl", webapp + "/app/cockpit/default/");
        context.setVariable("systemRuns", systemRecords.lines(request.id()));
        return context;
    }

    /** What every view shows: the request's record without personal data, its deadlines, clock stops and timeline. */
    private Context base(DsrRequest request) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", request.reference());
        context.setVariable("type", labels.typeWithArticle(request.type().name()));
        context.setVariable("site", request.site());
        context.setVariable("siteName", register.forStaff().site(request.site()).name());
        context.setVariable("requesterLanguage", labels.language(request.language()));
        context.setVariable("channel", request.channel().name().charAt(0) + request.channel().name().substring(1).toLowerCase(Locale.ROOT));
        context.setVariable("status", labels.stage(request.status().name()));
        context.setVariable("receivedOn", request.receivedOn());
        context.setVariable("recordedAt", CaseTimeline.UTC.format(request.createdAt()));
        context.setVariable("confirmedAt", request.confirmedAt() == null ? null : CaseTimeline.UTC.format(request.confirmedAt()));
        context.setVariable("closedAt", request.closedAt() == null ? null : CaseTimeline.UTC.format(request.closedAt()));
        context.setVariable("dueDate", request.dueDate());
        context.setVariable("extendedDueDate", request.extended() ? request.extendedDueDate() : null);
        context.setVariable("overdue", request.overdue());
        context.setVariable("categories", request.categories().stream().map(this::categoryName).toList());
        context.setVariable("clockStops", deadlines.stops(request.id()));
        context.setVariable("timeline", timeline.of(request));
        return context;
    }

    private Requester requester(DsrRequest request) {
        RequestRepository.Agent agent = request.onBehalf() ? requests.agent(request.id()).orElse(null) : null;
        return new Requester(request.requesterName(), request.requesterEmail(), request.postalAddress(), request.details(),
                request.restrictionGround() == null ? null : request.restrictionGround().name(),
                agent == null ? null : agent.name(), agent == null ? null : agent.email(), request.onBehalf());
    }

    private List<String> openDepartments(DsrRequest request) {
        return tasks.departmentsWithOpenTasks(request.reference()).stream().map(register.forStaff()::departmentName).toList();
    }

    private String categoryName(String id) {
        return properties.organisation().categories().containsKey(id) ? register.forStaff().category(id).name() : id;
    }

    private ResponseEntity<String> page(String template, Context context) {
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .body(templates.process(template, context));
    }

    private static ResponseEntity<String> refused(HttpStatus status, String why) {
        return ResponseEntity.status(status).header("Cache-Control", "no-store").contentType(MediaType.TEXT_PLAIN).body(why);
    }

    /** Who the request is about and who asked: shown only to the department searching and the privacy team. */
    record Requester(String name, String email, String postalAddress, String details, String restrictionGround, String agentName, String agentEmail,
                     boolean onBehalf) {
    }

    record IdentityCheckView(String method, String outcome, String asked, String checkedBy, String checkedAt) {
    }

    record ReplyView(String text, String receivedAt, Long messageId, boolean awaited) {
    }

    record QuestionView(String question, String askedBy, String askedAt, String answer, String answeredAt) {
    }

    record ViewView(String departmentName, String department, String viewedBy, String viewedAt) {
    }
}
