package org.dsrflow.departments;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.springframework.http.HttpStatus;
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
 * The privacy team's review of the departments' files ({@code /staff/requests/{reference}/files}, linked from the
 * privacy review in Tasklist): every file with its name, category, department, size and type, a preview of images,
 * PDFs and text, and the decision on each — include, exclude with a reason, or replace with a redacted version
 * ({@link ReviewedFiles}). Privacy team and administrators only (others: the same refusal as the other staff pages).
 * A decision is a form post on this page (same-site only: {@code security/web/CrossSiteRequestFilter}); after it the
 * page shows again (303).
 * <p>
 * Previews: an image, a PDF or text is shown in the browser (text always as {@code text/plain}), under a sandboxing
 * content security policy and {@code nosniff}; anything else is downloaded. HTML and SVG are not on the allow-list
 * and would never be rendered inline.
 */
@RestController
class FileReviewController {


    private final RequestRepository requests;
    private final ReviewedFiles files;
    private final Register register;
    private final DsrProperties properties;
    private final FileSettings settings;
    private final ITemplateEngine templates;

    FileReviewController(RequestRepository requests, ReviewedFiles files, Register register, DsrProperties properties,
                         FileSettings settings, ITemplateEngine templates) {
        this.requests = requests;
        this.files = files;
        this.register = register;
        this.properties = properties;
        this.settings = settings;
        this.templates = templates;
    }

    @GetMapping(path = "/staff/requests/{reference}/files", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, HttpServletRequest request) {
        return forPrivacyTeam(reference, request, found -> page(found, HttpStatus.OK, null, null));
    }

    /** Include the file, or exclude it with a reason. */
    @PostMapping(path = "/staff/requests/{reference}/files/{id}/decision", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> decide(@PathVariable String reference, @PathVariable String id,
                                  @RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
                                  HttpServletRequest request) {
        return forPrivacyTeam(reference, request, found -> {
            String user = StaffSessions.current(request).orElseThrow().userId();
            try {
                if (ReviewedFiles.Decision.INCLUDE.name().equals(decision)) {
                    files.include(found.id(), id, user);
                } else if (ReviewedFiles.Decision.EXCLUDE.name().equals(decision)) {
                    files.exclude(found.id(), id, reason, user);
                } else {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose INCLUDE or EXCLUDE (to replace the file, upload "
                            + "its redacted version).");
                }
            } catch (ResponseStatusException e) {
                return page(found, HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), id);
            }
            return backToPage(found, id);
        });
    }

    /** Replace the file with a redacted version (multipart: {@code file}, {@code note}: what was removed and why). */
    @PostMapping(path = "/staff/requests/{reference}/files/{id}/redacted", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> replace(@PathVariable String reference, @PathVariable String id, HttpServletRequest request) {
        return forPrivacyTeam(reference, request, found -> {
            String user = StaffSessions.current(request).orElseThrow().userId();
            try {
                if (!(request instanceof MultipartHttpServletRequest multipart)) {
                    throw new FileRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Upload the redacted version as multipart/form-data.");
                }
                Upload upload = Upload.read(multipart, settings, "Choose the redacted file to upload.", "note");
                files.replace(found.id(), id, upload.field("note"), upload.name(), upload.content(), user);
            } catch (ResponseStatusException e) {
                return page(found, HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), id);
            }
            return backToPage(found, id);
        });
    }

    /** A file (original or redacted version) for the reviewer to look at: images, PDFs and text in the browser, the rest downloaded. */
    @GetMapping(path = "/staff/requests/{reference}/files/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable String reference, @PathVariable String id, HttpServletRequest request) {
        HttpStatus refusal = StaffSessions.privacyTeamRefusal(request);
        if (refusal != null) {
            return ResponseEntity.status(refusal).contentType(MediaType.TEXT_PLAIN).body("Only the privacy team may open the departments' files."
                    .getBytes(StandardCharsets.UTF_8));
        }
        DsrRequest found = requests.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request"));
        ReviewedFiles.HandedFile file = files.describe(found.id(), id);
        byte[] content = files.content(found.id(), id);
        return FilePreview.of(file.name(), file.type(), content);
    }

    /** The privacy team's answer about a request: others get the staff pages' refusal, an unknown reference a 404. */
    private ResponseEntity<String> forPrivacyTeam(String reference, HttpServletRequest request,
                                                  Function<DsrRequest, ResponseEntity<String>> action) {
        return StaffSessions.privacyPage(request, "the departments' files of a request", reference, requests::findByReference, action);
    }

    private ResponseEntity<String> page(DsrRequest request, HttpStatus status, String problem, String problemFile) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", request.reference());
        List<ReviewedFiles.ReviewedFile> reviewed = files.of(request.id());
        context.setVariable("files", reviewed.stream().map(file -> new FileRow(file,
                categoryName(file.category()), register.forStaff().departmentName(file.department()), FilePreview.IMAGES.contains(file.type()),
                FilePreview.viewable(file.type()) && !FilePreview.IMAGES.contains(file.type()))).toList());
        context.setVariable("undecided", reviewed.stream().filter(file -> !file.decided()).count());
        context.setVariable("problem", problem);
        context.setVariable("problemFile", problemFile);
        context.setVariable("maxReason", ReviewedFiles.MAX_REASON);
        return ResponseEntity.status(status)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .body(templates.process("staff/file-review", context));
    }

    /** A file as the page shows it. */
    record FileRow(ReviewedFiles.ReviewedFile file, String categoryName, String departmentName, boolean image, boolean viewable) {

        private static final java.time.format.DateTimeFormatter WHEN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public String uploaded() {
            return WHEN.format(file.uploadedAt());
        }

        public String decided() {
            return file.decidedAt() == null ? null : WHEN.format(file.decidedAt());
        }

        public String size() {
            long bytes = file.size();
            return bytes < 1024 ? bytes + " bytes" : bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
    }

    private String categoryName(String id) {
        return properties.organisation().categories().containsKey(id) ? register.forStaff().category(id).name() : id;
    }

    private static ResponseEntity<String> backToPage(DsrRequest request, String id) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/staff/requests/" + request.reference() + "/files#file-" + id)).build();
    }
}
