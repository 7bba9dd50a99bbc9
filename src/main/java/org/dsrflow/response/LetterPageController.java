package org.dsrflow.response;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The letters of a request without an email address ({@code /staff/requests/{reference}/letter}, linked from the
 * post-letter task in Tasklist; privacy team and administrators only): each letter with when it was written, its
 * pages and the day it was posted; the PDF to print, and the package (zip) to copy onto a storage medium when the
 * answer hands over data. Everything is downloaded, never shown inline, and never cached.
 */
@RestController
class LetterPageController {

    private final RequestRepository requests;
    private final Letters letters;
    private final DocumentService documents;
    private final AnswerPackage answerPackage;
    private final ITemplateEngine templates;

    LetterPageController(RequestRepository requests, Letters letters, DocumentService documents, AnswerPackage answerPackage,
                         ITemplateEngine templates) {
        this.requests = requests;
        this.letters = letters;
        this.documents = documents;
        this.answerPackage = answerPackage;
        this.templates = templates;
    }

    @GetMapping(path = "/staff/requests/{reference}/letter", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String reference, HttpServletRequest request) {
        return forPrivacyTeam(reference, request, found -> {
            Context context = new Context(Locale.ENGLISH);
            context.setVariable("reference", found.reference());
            context.setVariable("recipient", found.requesterName() + "\n" + found.postalAddress());
            context.setVariable("letters", letters.of(found.id()));
            context.setVariable("package", documents.kinds(found.id()).contains(DocumentService.HTML));
            return ResponseEntity.ok()
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(templates.process("staff/letters", context));
        });
    }

    @GetMapping("/staff/requests/{reference}/letter/{id}.pdf")
    ResponseEntity<?> pdf(@PathVariable String reference, @PathVariable long id, HttpServletRequest request) {
        return forPrivacyTeam(reference, request, found -> letters.of(found.id()).stream().filter(letter -> letter.id() == id)
                .findFirst()
                .flatMap(letter -> letters.content(found.id(), id).map(bytes -> download(letter.fileName(), MediaType.APPLICATION_PDF)
                        .body((Object) bytes)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body("No letter " + id + " of " + found.reference())));
    }

    @GetMapping("/staff/requests/{reference}/letter/package.zip")
    ResponseEntity<StreamingResponseBody> zip(@PathVariable String reference, HttpServletRequest request) {
        long[] requestId = {-1};
        ResponseEntity<?> checked = forPrivacyTeam(reference, request, found -> {
            if (!documents.kinds(found.id()).contains(DocumentService.HTML)) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body("The answer of " + found.reference() + " hands over no data");
            }
            requestId[0] = found.id();
            return download(found.reference() + "-package.zip", MediaType.parseMediaType("application/zip")).build();
        });
        if (requestId[0] < 0) {
            // A refusal or a 404, as text.
            byte[] text = String.valueOf(checked.getBody()).getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.status(checked.getStatusCode()).headers(checked.getHeaders())
                    .contentType(MediaType.TEXT_PLAIN).body(out -> out.write(text));
        }
        return ResponseEntity.ok().headers(checked.getHeaders()).body(out -> answerPackage.write(requestId[0], out));
    }

    private static ResponseEntity.BodyBuilder download(String fileName, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ResponseEntity forPrivacyTeam(String reference, HttpServletRequest request, Function<DsrRequest, ResponseEntity<?>> action) {
        return StaffSessions.privacyPage(request, "the letters of a request", reference, requests::findByReference,
                (Function) action);
    }
}
