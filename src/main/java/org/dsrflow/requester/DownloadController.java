package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.requester.RequesterLocaleResolver;
import org.dsrflow.support.RateLimits;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import org.dsrflow.response.AnswerPackage;
import org.dsrflow.response.DocumentService;
import org.dsrflow.response.DownloadCodes;
import org.dsrflow.response.DownloadLinks;
import org.dsrflow.response.Transmissions;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.request.DsrRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The secure download of an access report: the link from the answer email (a random token,
 * stored hashed) opens a page that says until when it works, with buttons for the whole package (a zip,
 * {@link AnswerPackage}), the report as HTML and PDF, the JSON export and a portability request's CSV. Every
 * file is served as an attachment, never rendered inline (an HTML report opened from our origin would run in
 * it), with {@code nosniff} and {@code no-store}. Opening a link (GET, HEAD: also every mail gateway
 * that scans the answer) records and counts nothing and never returns the data; only a button
 * (POST with the page's CSRF token) downloads, and each such download is recorded and counted
 * against the address's limit. An answer may be downloaded {@code dsr.response.max-downloads} times (20) while its link
 * works (429 after that). An answer with special-category data (or every answer: {@code dsr.response.download-code})
 * asks first for a one-time code emailed to the request's address ({@link DownloadCodes}); the right code opens the
 * downloads for this browser session only, so a link that reached someone else opens nothing by itself.
 * Unknown and expired links get a page that explains what to do and reveals nothing; only those
 * count when opened. A portability answer's page also offers to send it to another organisation (Art. 20(2),
 * {@link Transmissions}), always after the one-time code.
 */
@Controller
class DownloadController {

    private final TokenService tokens;
    private final DocumentService documents;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final RequestRepository requests;
    private final AnswerPackage answerPackage;
    private final DownloadCodes codes;
    private final DownloadLinks links;
    private final DsrProperties.Response settings;
    private final Transmissions transmissions;
    private final org.dsrflow.config.Register register;

    /** The requests whose code this browser session entered (a session attribute). */
    static final String VERIFIED = "dsr.download.verified";

    DownloadController(TokenService tokens, DocumentService documents, Clock clock, RateLimits rateLimits,
                       RequestRepository requests, AnswerPackage answerPackage, DownloadCodes codes, DownloadLinks links,
                       DsrProperties properties, Transmissions transmissions, org.dsrflow.config.Register register) {
        this.transmissions = transmissions;
        this.register = register;
        this.codes = codes;
        this.links = links;
        this.settings = properties.response();
        this.requests = requests;
        this.answerPackage = answerPackage;
        this.tokens = tokens;
        this.documents = documents;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    /** The landing page of the link in the answer email: what is there, and until when. */
    @GetMapping("/download")
    String landing(@RequestParam(required = false) String token, Model model, HttpServletRequest request,
                   HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        if (state.isEmpty()) {
            rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        }
        state.flatMap(found -> requests.findById(found.requestId()))
                .ifPresent(found -> RequesterLocaleResolver.useRequestLanguage(request, found.language().locale()));
        Optional<DocumentService.Document> document = usable(state, DocumentService.HTML, model, response);
        document.ifPresent(found -> {
            long requestId = state.get().requestId();
            model.addAttribute("token", token);
            if (codes.required(requestId) && !verified(request, requestId)) {
                model.addAttribute("outcome", "CODE");
                model.addAttribute("codeSent", "sent".equals(request.getParameter("code")));
                return;
            }
            model.addAttribute("outcome", "READY");
            model.addAttribute("expires", java.time.LocalDate.ofInstant(found.expiresAt(), java.time.ZoneOffset.UTC));
            // Which buttons to show: the kinds stored, not their contents (a PDF is read only when it is downloaded).
            java.util.Set<String> kinds = documents.kinds(requestId);
            model.addAttribute("csv", kinds.contains(DocumentService.CSV));
            model.addAttribute("pdf", kinds.contains(DocumentService.PDF));
            requests.findById(requestId).filter(Transmissions::offeredFor).ifPresent(portability ->
                    transferForm(model, request, portability, "sent".equals(request.getParameter("code"))));
        });
        return "download";
    }

    /**
     * A portability answer's page offers to send it to another organisation (Art. 20(2)): the form once this browser
     * session entered the one-time code (always asked for here, whatever {@code dsr.response.download-code} says: the code
     * proves the mailbox, a forwarded link alone never sends data away), before that the code's buttons.
     */
    private void transferForm(Model model, HttpServletRequest request, DsrRequest found, boolean codeSent) {
        model.addAttribute("transfer", true);
        model.addAttribute("transferVerified", verified(request, found.id()));
        model.addAttribute("transferCodeSent", codeSent);
        java.time.ZoneId zone = register.in(found.language().name()).site(found.site()).zone();
        model.addAttribute("transfersSent", transmissions.of(found.id()).stream().map(sent -> new SentTo(sent.organisation(),
                sent.address(), java.time.LocalDate.ofInstant(sent.askedAt(), zone))).toList());
        model.addAttribute("transferLimit", transmissions.limitReached(found.id()));
        model.addAttribute("transferDays", transmissions.settings().linkValidity().toDays());
        model.addAttribute("transferMax", transmissions.settings().maxPerRequest());
    }

    /** An organisation the answer was sent to, as the page lists it. */
    record SentTo(String organisation, String address, java.time.LocalDate on) {
    }

    /**
     * "Have it sent to another organisation" (Art. 20(2)), for a portability answer only (409 otherwise): after the
     * one-time code in this browser session (403 and the code page before), a valid name and address (400 naming the
     * field, nothing stored or sent), fewer than {@code dsr.transfers.max-per-request} organisations so far (429). Then
     * the organisation gets its link and the requester a confirmation.
     */
    @PostMapping("/download/transfer")
    String transfer(@RequestParam(required = false) String token, @RequestParam(required = false) String organisation,
                    @RequestParam(required = false) String address, Model model, HttpServletRequest request,
                    HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        Optional<DocumentService.Document> document = usable(state, DocumentService.HTML, model, response);
        if (document.isEmpty()) {
            return "download";
        }
        DsrRequest found = requests.findById(state.get().requestId()).orElseThrow();
        RequesterLocaleResolver.useRequestLanguage(request, found.language().locale());
        model.addAttribute("token", token);
        if (!Transmissions.offeredFor(found)) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("outcome", "NO_TRANSFER");
            return "download";
        }
        if (!verified(request, found.id())) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("outcome", "CODE");
            model.addAttribute("transferCode", true);
            return "download";
        }
        java.util.Map<String, String> problems = Transmissions.problems(organisation, address);
        if (!problems.isEmpty()) {
            landing(token, model, request, response);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("transferProblems", problems);
            model.addAttribute("transferOrganisation", organisation);
            model.addAttribute("transferAddress", address);
            return "download";
        }
        Transmissions.Sent sent = transmissions.send(found, organisation, address);
        if (sent == Transmissions.Sent.LIMIT) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("outcome", "TRANSFER_LIMIT");
            model.addAttribute("transferMax", transmissions.settings().maxPerRequest());
            return "download";
        }
        if (sent == Transmissions.Sent.NOT_SENT) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("outcome", "TRANSFER_NOT_SENT");
            return "download";
        }
        model.addAttribute("outcome", "TRANSFERRED");
        model.addAttribute("transferOrganisation", organisation.strip());
        model.addAttribute("transferAddress", address.strip());
        model.addAttribute("transferDays", transmissions.settings().linkValidity().toDays());
        return "download";
    }

    /**
     * A link to a file itself (answer emails before the download buttons had them, a scanner): the
     * landing page, where the person presses the button. Nothing is returned, recorded or counted.
     */
    @GetMapping("/download/file")
    RedirectView fileLink(@RequestParam(required = false) String token) {
        RedirectView landing = new RedirectView(UriComponentsBuilder.fromPath("/download")
                .queryParamIfPresent("token", Optional.ofNullable(token)).encode().build().toUriString(), true);
        landing.setStatusCode(HttpStatus.SEE_OTHER);
        landing.setExposeModelAttributes(false);
        return landing;
    }

    /**
     * The package (zip), the report (HTML, PDF), the export (JSON) or the CSV itself, from the landing page's buttons;
     * each download is recorded.
     */
    @PostMapping("/download/file")
    Object file(@RequestParam(required = false) String token,
                @RequestParam(defaultValue = DocumentService.HTML) String format,
                Model model, HttpServletRequest request, HttpServletResponse response) throws IOException {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        String kind = switch (format) {
            case DocumentService.JSON, DocumentService.CSV, DocumentService.PDF, DocumentService.ZIP -> format;
            default -> DocumentService.HTML;
        };
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        // The package is checked, and recorded, through the answer's report: it has no stored row of its own.
        Optional<DocumentService.Document> document = usable(state, kind.equals(DocumentService.ZIP) ? DocumentService.HTML : kind,
                model, response);
        if (document.isEmpty()) {
            return "download";
        }
        long requestId = state.get().requestId();
        if (codes.required(requestId) && !verified(request, requestId)) {
            // Only after the code: a button pressed in another browser, or a form posted without the page, gets the code page.
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("outcome", "CODE");
            model.addAttribute("token", token);
            return "download";
        }
        if (documents.downloadCount(requestId) >= settings.maxDownloads()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("outcome", "LIMIT");
            model.addAttribute("limit", settings.maxDownloads());
            return "download";
        }
        if (kind.equals(DocumentService.ZIP)) {
            String reference = requests.findById(requestId).orElseThrow().reference();
            documents.recordPackageDownload(document.get());
            attachment(response, "application/zip", reference + "-your-data.zip");
            // Straight to the response, one file at a time: never the whole package in memory.
            answerPackage.write(requestId, response.getOutputStream());
            return null;
        }
        documents.recordDownload(document.get());
        attachment(response, document.get().contentType(), document.get().fileName());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(document.get().contentType())).body(document.get().bytes());
    }

    /**
     * "Email me a new link" on the expired-link page: the answer's documents work again and a fresh link goes to the
     * request's own address (response/DownloadLinks#renew). Only for a link we issued; never says anything about the request.
     */
    @PostMapping("/download/renew")
    String renew(@RequestParam(required = false) String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<DsrRequest> found = tokens.find(token, TokenPurpose.DOWNLOAD).flatMap(state -> requests.findById(state.requestId()));
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("outcome", "UNKNOWN");
            return "download";
        }
        RequesterLocaleResolver.useRequestLanguage(request, found.get().language().locale());
        DownloadLinks.Resent renewed = links.renew(found.get());
        switch (renewed.outcome()) {
            case SENT -> {
                model.addAttribute("outcome", "RENEWED");
                model.addAttribute("expires", renewed.validUntil());
            }
            case LIMIT -> {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                model.addAttribute("outcome", "EXPIRED");
                model.addAttribute("renewLimit", true);
            }
            case NOTHING -> {
                response.setStatus(HttpStatus.GONE.value());
                model.addAttribute("outcome", "EXPIRED");
            }
        }
        return "download";
    }

    /** Emails a one-time code to the request's address, then shows the page where it is entered. */
    @PostMapping("/download/code")
    Object sendCode(@RequestParam(required = false) String token, @RequestParam(required = false) String section, Model model,
                    HttpServletRequest request, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        if (usable(state, DocumentService.HTML, model, response).isEmpty()) {
            return "download";
        }
        DsrRequest found = requests.findById(state.get().requestId()).orElseThrow();
        RequesterLocaleResolver.useRequestLanguage(request, found.language().locale());
        if (codes.send(found) == DownloadCodes.Sent.LIMIT) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("outcome", "CODE");
            model.addAttribute("token", token);
            model.addAttribute("codeProblem", "too-many-codes");
            return "download";
        }
        return seeOther("/download?token=" + token + "&code=sent" + at(section));
    }

    /** Checks the code; the right one opens the downloads for this browser session. */
    @PostMapping("/download/code/check")
    Object checkCode(@RequestParam(required = false) String token, @RequestParam(required = false) String code,
                     @RequestParam(required = false) String section, Model model, HttpServletRequest request,
                     HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.DOWNLOAD);
        if (usable(state, DocumentService.HTML, model, response).isEmpty()) {
            return "download";
        }
        long requestId = state.get().requestId();
        requests.findById(requestId).ifPresent(found -> RequesterLocaleResolver.useRequestLanguage(request, found.language().locale()));
        DownloadCodes.Checked checked = codes.check(requestId, code);
        if (checked == DownloadCodes.Checked.RIGHT) {
            markVerified(request, requestId);
            return seeOther("/download?token=" + token + at(section));
        }
        response.setStatus(checked == DownloadCodes.Checked.TOO_MANY_TRIES ? HttpStatus.TOO_MANY_REQUESTS.value()
                : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("outcome", "CODE");
        model.addAttribute("token", token);
        model.addAttribute("codeSent", true);
        model.addAttribute("codeProblem", switch (checked) {
            case WRONG -> "wrong";
            case EXPIRED -> "expired";
            case TOO_MANY_TRIES -> "too-many-tries";
            case RIGHT -> throw new IllegalStateException();
        });
        return "download";
    }

    /** Back to the transfer form's section when its code buttons were pressed (the page is long); else the top. */
    private static String at(String section) {
        return "transfer".equals(section) ? "#transfer" : "";
    }

    private static boolean verified(HttpServletRequest request, long requestId) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(VERIFIED) instanceof java.util.Set<?> ids && ids.contains(requestId);
    }

    private static void markVerified(HttpServletRequest request, long requestId) {
        // A new session id on the step that grants access, as on any sign-in.
        request.changeSessionId();
        HttpSession session = request.getSession();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        if (session.getAttribute(VERIFIED) instanceof java.util.Set<?> before) {
            before.forEach(id -> ids.add((Long) id));
        }
        ids.add(requestId);
        session.setAttribute(VERIFIED, ids);
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }

    /** A file to save, never to render here: HTML or SVG opened inline would run on our origin. */
    private static void attachment(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
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
            // Our own link, its answer still kept: the page offers a fresh one by email (to the request's address only).
            model.addAttribute("renewable", clock.instant().isBefore(document.get().expiresAt().plus(settings.renewalGrace())));
            return Optional.empty();
        }
        return document;
    }
}
