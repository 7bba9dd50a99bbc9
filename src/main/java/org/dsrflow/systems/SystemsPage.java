package org.dsrflow.systems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.Register;
import org.dsrflow.connectors.ConnectorException;
import org.dsrflow.connectors.Connectors;
import org.dsrflow.connectors.DataSystem;
import org.dsrflow.connectors.Operation;
import org.dsrflow.process.RequestTasks;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.web.StaffSessions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * What the department's systems found for the person, {@code /staff/requests/{reference}/department-systems}, linked
 * from every department task form ("Found in your systems"): per system and category the rows, as the system gave them;
 * a row that is not this person's is excluded (it then goes neither to the requester nor into an action); for an
 * erasure, rectification or restriction, what will run in each system once the department confirms by marking the
 * category in its task, and for a rectification the corrected values. Only for staff with an open task of the request's
 * department (least privilege: they must see the rows to confirm them); the same 404 otherwise.
 */
@RestController
class SystemsPage {

    private final SystemRunRepository runs;
    private final Connectors connectors;
    private final RequestRepository requests;
    private final RequestTasks tasks;
    private final org.dsrflow.process.SystemTasks systemTasks;
    private final StaffAccess access;
    private final Register register;
    private final ITemplateEngine templates;
    private final String webapp;

    SystemsPage(SystemRunRepository runs, Connectors connectors, RequestRepository requests, RequestTasks tasks,
                org.dsrflow.process.SystemTasks systemTasks, StaffAccess access, Register register, ITemplateEngine templates,
                @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapp) {
        this.systemTasks = systemTasks;
        this.runs = runs;
        this.connectors = connectors;
        this.requests = requests;
        this.tasks = tasks;
        this.access = access;
        this.register = register;
        this.templates = templates;
        this.webapp = webapp;
    }

    @GetMapping(path = "/staff/requests/{reference}/department-systems", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, @RequestParam(required = false) String saved, HttpServletRequest http) {
        return signedIn(reference, http, (departments, request) -> page(HttpStatus.OK, request, departments,
                saved == null ? null : "Saved.", null));
    }

    /** Excludes a found row as not this person's ({@code exclude=true}) or takes that back. */
    @PostMapping(path = "/staff/requests/{reference}/department-systems/rows/{rowId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> exclude(@PathVariable String reference, @PathVariable long rowId, @RequestParam(required = false) String exclude,
                                   HttpServletRequest http) {
        return signedIn(reference, http, (departments, request) -> {
            if (!"true".equals(exclude) && !"false".equals(exclude)) {
                return page(HttpStatus.BAD_REQUEST, request, departments, null, "exclude must be true or false.");
            }
            Optional<SystemRunRepository.Row> row = ownRow(request, departments, rowId);
            if (row.isEmpty()) {
                return page(HttpStatus.NOT_FOUND, request, departments, null, "No row " + rowId + " of your department in this request.");
            }
            runs.exclude(request.id(), rowId, Boolean.parseBoolean(exclude), StaffSessions.current(http).orElseThrow().userId());
            return seeOther(request, "?saved=1#row-" + rowId);
        });
    }

    /** A rectification's corrected values for one system and category: fields {@code value_<field>}. */
    @PostMapping(path = "/staff/requests/{reference}/department-systems/corrections", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> correct(@PathVariable String reference, @RequestParam MultiValueMap<String, String> form, HttpServletRequest http) {
        return signedIn(reference, http, (departments, request) -> {
            DataSystem system = connectors.system(String.valueOf(form.getFirst("system"))).orElse(null);
            String category = form.getFirst("category");
            if (request.type() != org.dsrflow.request.RequestType.RECTIFICATION) {
                return page(HttpStatus.BAD_REQUEST, request, departments, null, "Corrected values belong to a rectification request only.");
            }
            if (system == null || !departments.contains(system.department()) || category == null || !system.holds(category)
                    || !request.categories().contains(category) || !system.can(category, Operation.RECTIFY)) {
                return page(HttpStatus.BAD_REQUEST, request, departments, null,
                        "system and category must name a system of your department that can correct a category of this request.");
            }
            for (String field : system.valueFields(category)) {
                String value = form.getFirst("value_" + field);
                if (value != null && value.length() > 4000) {
                    return page(HttpStatus.BAD_REQUEST, request, departments, null, "The value of " + field + " is longer than 4,000 characters.");
                }
            }
            String user = StaffSessions.current(http).orElseThrow().userId();
            for (String field : system.valueFields(category)) {
                runs.correct(request.id(), system.department(), system.id(), category, field, form.getFirst("value_" + field), user);
            }
            return seeOther(request, "?saved=1#system-" + system.id());
        });
    }

    private Optional<SystemRunRepository.Row> ownRow(DsrRequest request, Set<String> departments, long rowId) {
        return runs.ofRequest(request.id()).stream().filter(run -> departments.contains(run.department())
                        && run.kind() == SystemRunRepository.Kind.SEARCH)
                .flatMap(run -> runs.rows(run.id()).stream()).filter(row -> row.id() == rowId).findFirst();
    }

    private interface Work {
        ResponseEntity<String> run(Set<String> departments, DsrRequest request);
    }

    /** 401 without a session; the same 404 for an unknown request and one where the caller has no open department task. */
    private ResponseEntity<String> signedIn(String reference, HttpServletRequest http, Work work) {
        Optional<StaffSessions.StaffUser> user = StaffSessions.current(http);
        if (user.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("Cache-Control", "no-store").contentType(MediaType.TEXT_PLAIN)
                    .body("Log into Camunda Tasklist first, then open this page again.");
        }
        DsrRequest request = requests.findByReference(reference).orElse(null);
        if (request == null) {
            return notYours(reference);
        }
        return access.as(user.get(), () -> {
            Set<String> departments = new LinkedHashSet<>();
            for (Task task : tasks.workableDepartmentTasks(request.reference(), user.get().userId(), user.get().groups())) {
                systemTasks.departmentOf(task.getId()).ifPresent(departments::add);
            }
            return departments.isEmpty() ? notYours(reference) : work.run(departments, request);
        });
    }

    private ResponseEntity<String> page(HttpStatus status, DsrRequest request, Set<String> departments, String confirmation, String refusal) {
        Register.InLanguage staff = register.forStaff();
        Optional<Operation> operation = SystemWork.operationOf(request.type());
        List<DepartmentView> views = new ArrayList<>();
        for (String department : departments) {
            List<SystemView> systems = new ArrayList<>();
            for (DataSystem system : connectors.systemsOf(department)) {
                List<SystemRunRepository.Run> searches = runs.ofRequest(request.id()).stream()
                        .filter(run -> run.systemId().equals(system.id()) && run.kind() == SystemRunRepository.Kind.SEARCH).toList();
                if (searches.isEmpty()) {
                    continue;
                }
                SystemRunRepository.Run search = searches.get(searches.size() - 1);
                List<SystemRunRepository.Row> rows = runs.rows(search.id());
                List<CategoryView> categories = new ArrayList<>();
                for (String category : system.categories()) {
                    List<SystemRunRepository.Row> found = rows.stream().filter(row -> row.category().equals(category)).toList();
                    if (found.isEmpty() && search.status() != SystemRunRepository.Status.DONE) {
                        continue;
                    }
                    categories.add(category(request, system, category, found, operation));
                }
                systems.add(new SystemView(system.id(), system.name(), status(search), search.truncated(), categories));
            }
            views.add(new DepartmentView(staff.departmentName(department), systems));
        }
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", request.reference());
        context.setVariable("action", "/staff/requests/" + request.reference() + "/department-systems");
        context.setVariable("confirmation", confirmation);
        context.setVariable("refusal", refusal);
        context.setVariable("confirming", operation.map(op -> SystemWork.confirming(op).name()).orElse(null));
        context.setVariable("backUrl", webapp + "/app/tasklist/default/");
        context.setVariable("departments", views);
        return ResponseEntity.status(status).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff").contentType(MediaType.TEXT_HTML)
                .body(templates.process("staff/department-systems", context));
    }

    private CategoryView category(DsrRequest request, DataSystem system, String category, List<SystemRunRepository.Row> found,
                                  Optional<Operation> operation) {
        Set<String> columns = new LinkedHashSet<>();
        found.forEach(row -> columns.addAll(row.fields().keySet()));
        List<RowView> rows = found.stream().map(row -> new RowView(row.id(), columns.stream()
                .map(column -> row.fields().get(column) == null ? "" : String.valueOf(row.fields().get(column))).toList(),
                row.excluded())).toList();
        List<String> preview = List.of();
        List<FieldView> fields = List.of();
        if (operation.isPresent() && system.can(category, operation.get())) {
            Map<String, String> values = runs.corrections(request.id(), system.id(), category);
            List<Map<String, Object>> confirmed = found.stream().filter(row -> !row.excluded()).map(SystemRunRepository.Row::fields).toList();
            try {
                preview = connectors.preview(system, category, operation.get(), confirmed, values);
            } catch (ConnectorException | IllegalArgumentException e) {
                preview = List.of("(no preview: " + (e instanceof ConnectorException c ? c.reason() : "values missing") + ")");
            }
            if (operation.get() == Operation.RECTIFY) {
                Map<String, String> given = new LinkedHashMap<>(values);
                fields = system.valueFields(category).stream().map(field -> new FieldView(field, given.getOrDefault(field, ""))).toList();
            }
        }
        String name;
        try {
            name = register.forStaff().category(category).name();
        } catch (RuntimeException unknown) {
            name = category;
        }
        return new CategoryView(category, name, List.copyOf(columns), rows, preview, fields);
    }

    private static String status(SystemRunRepository.Run search) {
        return switch (search.status()) {
            case OPEN -> "Searching" + (search.attempts() > 0 ? " (" + search.attempts() + " failed attempts so far)" : "") + "…";
            case DONE -> "Searched: " + search.outcome();
            case FAILED -> "Could not be searched (" + search.outcome() + "): search it by hand.";
            case SKIPPED -> search.outcome() + ".";
            case ABANDONED -> "Not searched in time: search it by hand.";
        };
    }

    private ResponseEntity<String> notYours(String reference) {
        return org.dsrflow.departments.NoTaskPage.of(templates, webapp, reference, org.dsrflow.departments.NoTaskPage.About.SYSTEMS);
    }

    private static ResponseEntity<String> seeOther(DsrRequest request, String query) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Cache-Control", "no-store")
                .header("Location", "/staff/requests/" + request.reference() + "/department-systems" + query).build();
    }

    record DepartmentView(String name, List<SystemView> systems) {
    }

    record SystemView(String id, String name, String status, boolean truncated, List<CategoryView> categories) {
    }

    record CategoryView(String id, String name, List<String> columns, List<RowView> rows, List<String> preview, List<FieldView> fields) {
    }

    record RowView(long id, List<String> cells, boolean excluded) {
    }

    record FieldView(String name, String value) {
    }
}
