package org.dsrflow.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dsrflow.departments.FilePreview;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.dsrflow.verification.IdentityChecks;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The privacy team's look at the requester's identity evidence ({@code /staff/requests/{reference}/identity-evidence},
 * linked from the identity check's Tasklist form): what we asked for, the reply, its files with name, type, size and
 * when; images shown, PDFs opened in a new tab, both served like the departments' files' previews ({@link FilePreview}).
 * Privacy team and administrators only; departments and managers get the staff pages' refusal. Once the decision is
 * recorded the page says how many files were deleted when.
 */
@RestController
class IdentityEvidencePage {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final RequestRepository requests;
    private final IdentityEvidence evidence;
    private final IdentityChecks checks;
    private final JdbcClient jdbc;
    private final ITemplateEngine templates;

    IdentityEvidencePage(RequestRepository requests, IdentityEvidence evidence, IdentityChecks checks, JdbcClient jdbc,
                         ITemplateEngine templates) {
        this.requests = requests;
        this.evidence = evidence;
        this.checks = checks;
        this.jdbc = jdbc;
        this.templates = templates;
    }

    @GetMapping(path = "/staff/requests/{reference}/identity-evidence", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, HttpServletRequest request) {
        return StaffSessions.privacyPage(request, "the requester's identity evidence", reference, requests::findByReference,
                this::page);
    }

    @GetMapping(path = "/staff/requests/{reference}/identity-evidence/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable String reference, @PathVariable String id, HttpServletRequest request) {
        HttpStatus refusal = StaffSessions.privacyTeamRefusal(request);
        if (refusal != null) {
            return ResponseEntity.status(refusal).contentType(MediaType.TEXT_PLAIN)
                    .body("Only the privacy team may open the requester's identity evidence.".getBytes(StandardCharsets.UTF_8));
        }
        DsrRequest found = requests.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request"));
        IdentityEvidence.StoredEvidence file = evidence.describe(found.id(), id);
        return FilePreview.of(file.name(), file.type(), evidence.content(found.id(), id));
    }

    private ResponseEntity<String> page(DsrRequest request) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", request.reference());
        List<IdentityEvidence.StoredEvidence> files = evidence.of(request.id());
        context.setVariable("asked", checks.findByRequest(request.id()).stream().filter(check -> check.asked() != null)
                .reduce((first, second) -> second).map(IdentityChecks.Check::asked).orElse(null));
        Map<Long, List<FileRow>> byReply = files.stream().map(file -> new FileRow(file, request.reference()))
                .collect(Collectors.groupingBy(row -> row.file().replyId(), java.util.LinkedHashMap::new, Collectors.toList()));
        context.setVariable("replies", byReply.entrySet().stream().map(reply -> new ReplyRow(replyText(reply.getKey()),
                reply.getValue())).toList());
        context.setVariable("deletions", evidence.deletions(request.id()));
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'none'; "
                        + "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.TEXT_HTML)
                .body(templates.process("staff/identity-evidence", context));
    }

    private String replyText(long replyId) {
        return jdbc.sql("select text from dsr_requester_reply where id = :id").param("id", replyId).query(String.class).optional()
                .orElse("");
    }

    /** A reply with its files. */
    record ReplyRow(String text, List<FileRow> files) {

        public String receivedAt() {
            return files.isEmpty() ? "" : files.get(0).uploaded();
        }
    }

    /** A file as the page shows it, with its preview link. */
    record FileRow(IdentityEvidence.StoredEvidence file, String reference) {

        public String content() {
            return "/staff/requests/" + reference + "/identity-evidence/" + file.id() + "/content";
        }

        public boolean image() {
            return FilePreview.IMAGES.contains(file.type());
        }

        public String uploaded() {
            return WHEN.format(file.uploadedAt());
        }

        public String size() {
            long bytes = file.size();
            return bytes < 1024 ? bytes + " bytes" : bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
    }
}
