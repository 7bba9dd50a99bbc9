package org.dsrflow.review;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.dsrflow.verification.IdentityChecks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A request's questions to the requester and their answers, read-only, linked from the privacy
 * review in Tasklist ("The requester answered our question"): our questions, the identity evidence
 * the identity check asked for, and the requester's replies with their dates. The answers are the requester's own
 * words: shown escaped, never copied into the engine. Privacy team and administrators only.
 */
@RestController
class StaffQuestionsController {

    private final RequestRepository requests;
    private final Clarifications clarifications;
    private final Fees fees;
    private final ITemplateEngine templates;
    private final IdentityChecks identityChecks;

    StaffQuestionsController(RequestRepository requests, Clarifications clarifications, Fees fees, ITemplateEngine templates,
                             IdentityChecks identityChecks) {
        this.requests = requests;
        this.clarifications = clarifications;
        this.fees = fees;
        this.templates = templates;
        this.identityChecks = identityChecks;
    }

    @GetMapping(path = "/staff/requests/{reference}/questions", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> questions(@PathVariable String reference, HttpServletRequest request) {
        return StaffSessions.privacyPage(request, "a request's questions and answers", reference, requests::findByReference, found -> {
            Context context = new Context(Locale.ENGLISH);
            context.setVariable("reference", found.reference());
            context.setVariable("exchanges", clarifications.all(found.id()));
            context.setVariable("fee", fees.latest(found.id()).orElse(null));
            // Identity evidence asked for by the identity check, and what the requester sent back on the reply page.
            context.setVariable("evidenceRequests", identityChecks.findByRequest(found.id()).stream()
                    .filter(check -> "NEED_MORE".equals(check.outcome())).toList());
            context.setVariable("evidenceReplies", clarifications.replies(found.id()).stream()
                    .filter(Clarifications.Reply::isEvidence).toList());
            return ResponseEntity.ok()
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .body(templates.process("staff/questions", context));
        });
    }
}
