package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.requester.RequesterLocaleResolver;
import org.dsrflow.security.RateLimits;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.dsrflow.response.DocumentService;

/**
 * The secure download of an access report: the link from the answer email (a random token,
 * stored hashed) opens a page that says until when it works, with the HTML report and the JSON
 * export; each download is recorded. Unknown and expired links get a page that explains what to do
 * and reveals nothing.
 */
@Controller
class DownloadController {

    private final TokenService tokens;
    private final DocumentService documents;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final RequestRepository requests;

    DownloadController(TokenService tokens, DocumentService documents, Clock clock, RateLimits rateLimits,
                       RequestRepository requests) {
        this.requests = requests;
        this.tokens = tokens;
        this.documents = documents;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    /** The landing page of the link in the answer email: what is there, and until when. */
    @GetMapping("/download")
    String landing(@RequestParam(required = false) String token, Model model, HttpServletRequest request,
                   HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        state.flatMap(found -> requests.findById(found.requestId()))
                .ifPresent(found -> RequesterLocaleResolver.useRequestLanguage(request, found.language().locale()));
        Optional<DocumentService.Document> document = usable(state, DocumentService.HTML, model, response);
        document.ifPresent(found -> {
            model.addAttribute("outcome", "READY");
            model.addAttribute("token", token);
            model.addAttribute("expires", java.time.LocalDate.ofInstant(found.expiresAt(), java.time.ZoneOffset.UTC));
            model.addAttribute("csv", documents.latest(state.get().requestId(), DocumentService.CSV).isPresent());
        });
        return "download";
    }

    /** The report (HTML) or the export (JSON) itself; each download is recorded. */
    @GetMapping("/download/file")
    Object file(@RequestParam(required = false) String token,
                @RequestParam(defaultValue = DocumentService.HTML) String format,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        String kind = switch (format) {
            case DocumentService.JSON, DocumentService.CSV -> format;
            default -> DocumentService.HTML;
        };
        Optional<DocumentService.Document> document = usable(tokens.find(token, TokenPurpose.DOWNLOAD), kind, model, response);
        if (document.isEmpty()) {
            return "download";
        }
        documents.recordDownload(document.get().id());
        ContentDisposition disposition = (!kind.equals(DocumentService.HTML) ? ContentDisposition.attachment()
                : ContentDisposition.inline()).filename(document.get().fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.get().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(document.get().content());
    }

    private Optional<DocumentService.Document> usable(Optional<TokenService.TokenState> state, String kind, Model model,
                                                      HttpServletResponse response) {
        Optional<DocumentService.Document> document = state.flatMap(found -> documents.latest(found.requestId(), kind));
        if (document.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("outcome", "UNKNOWN");
            return Optional.empty();
        }
        if (state.get().isExpired() || !clock.instant().isBefore(document.get().expiresAt())) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("outcome", "EXPIRED");
            return Optional.empty();
        }
        return document;
    }
}
