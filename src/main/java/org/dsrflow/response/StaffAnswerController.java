package org.dsrflow.response;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.dsrflow.departments.DepartmentAnswerViews;
import org.dsrflow.notification.CorrespondenceRepository;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compiled answer, read-only, for the privacy review (linked from the review form in Tasklist),
 * with each department's answer as it gave it (who, when, found nothing or what, its notes for the
 * privacy team, answers returned) and the request's correspondence log.
 * Authenticated by the Camunda webapp session the reviewer already has; the privacy team and
 * administrators only (managers follow service levels, not the contents of answers).
 */
@RestController
class StaffAnswerController {

    private final RequestRepository requests;
    private final AnswerBuilder answers;
    private final DocumentService documents;
    private final CorrespondenceRepository correspondence;
    private final ITemplateEngine templates;
    private final DepartmentAnswerViews departmentAnswers;

    StaffAnswerController(RequestRepository requests, AnswerBuilder answers, DocumentService documents,
                          CorrespondenceRepository correspondence, ITemplateEngine templates,
                          DepartmentAnswerViews departmentAnswers) {
        this.requests = requests;
        this.answers = answers;
        this.documents = documents;
        this.correspondence = correspondence;
        this.templates = templates;
        this.departmentAnswers = departmentAnswers;
    }

    @GetMapping(path = "/staff/requests/{reference}/answer", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(@PathVariable String reference, HttpServletRequest request) {
        return StaffSessions.privacyPage(request, "answers", reference, requests::findByReference, found -> {
            Answer answer = answers.build(found, null, null);
            Context context = new Context(Locale.ENGLISH);
            context.setVariable("entries", correspondence.findByRequest(found.id()));
            // For the reviewer: who answered for each department, when, what it found (or nothing) and its notes.
            context.setVariable("departmentAnswers", departmentAnswers.of(found.id()));
            context.setVariable("departmentReturns", departmentAnswers.returns(found.id()));
            String page = documents.html(answer, found.language().locale(), true)
                    .replace("</body>", templates.process("staff/department-answers", context)
                            + templates.process("staff/correspondence", context) + "</body>");
            return ResponseEntity.ok()
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .body(page);
        });
    }
}
