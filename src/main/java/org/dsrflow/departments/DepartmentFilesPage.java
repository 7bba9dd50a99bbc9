package org.dsrflow.departments;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dsrflow.config.Register;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.web.StaffSessions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The page a department attaches its files on, {@code /staff/requests/{reference}/department-files}, linked from every
 * department task form ("Attach files"): Tasklist 7.24's form renderer has no file field. Authenticated by the Camunda
 * webapp session (or single sign-on) like the other staff pages; everything else is {@link DepartmentFiles}, run as the
 * signed-in user so the engine's own task query decides which tasks are theirs. Someone with no task of the request gets
 * the same 404 whether the request exists or not. Forms post back here; a refused file shows the page again with the
 * reason and the status the staff API would answer.
 */
@RestController
class DepartmentFilesPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final DepartmentFiles files;
    private final FileSettings settings;
    private final RequestRepository requests;
    private final StaffAccess access;
    private final Register register;
    private final ITemplateEngine templates;
    private final String webapp;

    DepartmentFilesPage(DepartmentFiles files, FileSettings settings, RequestRepository requests, StaffAccess access,
                        Register register, ITemplateEngine templates,
                        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapp) {
        this.files = files;
        this.settings = settings;
        this.requests = requests;
        this.access = access;
        this.register = register;
        this.templates = templates;
        this.webapp = webapp;
    }

    @GetMapping(path = "/staff/requests/{reference}/department-files", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, @RequestParam(required = false) String attached,
                                @RequestParam(required = false) String removed, HttpServletRequest http) {
        return signedIn(reference, http, (user, request) -> {
            List<DepartmentFiles.TaskFiles> tasks = files.ofRequest(request.reference(), request.id());
            if (tasks.isEmpty()) {
                return notYours(reference);
            }
            String confirmation = null;
            if (attached != null) {
                confirmation = tasks.stream().flatMap(task -> task.files().stream()).filter(file -> file.id().equals(attached))
                        .findFirst().map(file -> "Attached " + file.name() + " (" + file.type() + ", " + size(file.size()) + ").")
                        .orElse(null);
            } else if (removed != null) {
                confirmation = "The file was removed.";
            }
            return page(HttpStatus.OK, request, tasks, confirmation, null);
        });
    }

    @PostMapping(path = "/staff/requests/{reference}/department-files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> attach(@PathVariable String reference, MultipartHttpServletRequest http) {
        return signedIn(reference, http, (user, request) -> {
            // Who may is decided before the body is read: someone with no task of this request never has it parsed.
            if (files.ofRequest(request.reference(), request.id()).isEmpty()) {
                return notYours(reference);
            }
            try {
                Upload upload = Upload.read(http, settings, "Choose a file to attach.", "taskId", "category");
                DepartmentFiles.Workable task = workable(upload.field("taskId"), request);
                DepartmentFileRepository.StoredFile stored = files.attach(task, upload.name(), upload.field("category"), upload.content());
                return seeOther(request, "?attached=" + stored.id() + "#task-" + task.taskId());
            } catch (ResponseStatusException e) {
                return refused(request, e);
            }
        });
    }

    @PostMapping(path = "/staff/requests/{reference}/department-files/{id}/remove", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> remove(@PathVariable String reference, @PathVariable String id,
                                  @RequestParam(required = false) String taskId, HttpServletRequest http) {
        return signedIn(reference, http, (user, request) -> {
            if (files.ofRequest(request.reference(), request.id()).isEmpty()) {
                return notYours(reference);
            }
            try {
                DepartmentFiles.Workable task = workable(taskId, request);
                files.delete(task, id);
                return seeOther(request, "?removed=1#task-" + task.taskId());
            } catch (ResponseStatusException e) {
                return refused(request, e);
            }
        });
    }

    /** The open task of this request the caller may work: 404 for another request's or someone else's, 409 once done. */
    private DepartmentFiles.Workable workable(String taskId, DsrRequest request) {
        if (taskId == null || taskId.isBlank()) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "taskId is required: the department task the file belongs to.");
        }
        DepartmentFiles.Workable task = files.workable(taskId);
        if (task.assignment().requestId() != request.id()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No open department task " + taskId + " of yours in this request");
        }
        return task;
    }

    private interface Work {
        ResponseEntity<String> run(StaffSessions.StaffUser user, DsrRequest request);
    }

    /** 401 without a session; the 404 page for an unknown reference; else {@code work} as the signed-in user. */
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
        return access.as(user.get(), () -> work.run(user.get(), request));
    }

    /** The page again, with why the file or the removal was refused, under the status the staff API answers. */
    private ResponseEntity<String> refused(DsrRequest request, ResponseStatusException refusal) {
        if (refusal.getStatusCode().value() == 404) {
            return notYours(request.reference());
        }
        List<DepartmentFiles.TaskFiles> tasks = files.ofRequest(request.reference(), request.id());
        return page(refusal.getStatusCode(), request, tasks, null, refusal.getReason());
    }

    private ResponseEntity<String> page(HttpStatusCode status, DsrRequest request, List<DepartmentFiles.TaskFiles> tasks,
                                        String confirmation, String refusal) {
        Register.InLanguage staff = register.forStaff();
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", request.reference());
        context.setVariable("action", "/staff/requests/" + request.reference() + "/department-files");
        context.setVariable("confirmation", confirmation);
        context.setVariable("refusal", refusal);
        context.setVariable("maxFileSize", FileSettings.text(settings.maxFileSize()));
        context.setVariable("backUrl", webapp + "/app/tasklist/default/");
        context.setVariable("tasks", tasks.stream().map(task -> new TaskView(task.taskId(),
                task.department() == null ? "" : staff.departmentName(task.department()), task.open(),
                task.categories().stream().map(category -> new Option(category, categoryName(category))).toList(),
                task.files().stream().map(file -> new FileView(file.id(), file.name(), categoryName(file.category()),
                        size(file.size()), file.type(), file.uploadedBy(), WHEN.format(file.uploadedAt()))).toList())).toList());
        return ResponseEntity.status(status)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.TEXT_HTML)
                .body(templates.process("staff/department-files", context));
    }

    /** Says only that the caller has no task here: the same whether the request exists, is another department's, or not. */
    private ResponseEntity<String> notYours(String reference) {
        return NoTaskPage.of(templates, webapp, reference, NoTaskPage.About.FILES);
    }

    private static ResponseEntity<String> seeOther(DsrRequest request, String query) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Cache-Control", "no-store")
                .header("Location", "/staff/requests/" + request.reference() + "/department-files" + query).build();
    }

    private String categoryName(String id) {
        try {
            return register.forStaff().category(id).name();
        } catch (RuntimeException unknown) {
            return id;
        }
    }

    /** "12.3 kB", "4.0 MB", "512 bytes". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    record TaskView(String taskId, String departmentName, boolean open, List<Option> categories, List<FileView> files) {
    }

    record Option(String value, String label) {
    }

    record FileView(String id, String name, String category, String size, String type, String uploadedBy, String uploadedAt) {
    }
}
