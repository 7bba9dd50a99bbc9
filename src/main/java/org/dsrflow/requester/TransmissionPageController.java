package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dsrflow.config.Register;
import org.dsrflow.response.AnswerPackage;
import org.dsrflow.response.Transmissions;
import org.dsrflow.support.RateLimits;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page another controller opens from the link a requester had sent to it (Art. 20(2)), in English: who sends it (our
 * organisation), the reference, what the package holds, and a button that downloads it — the structured part only (JSON,
 * CSV, the departments' files of portable categories, the manifest). Nothing about the person beyond what the package
 * holds. Opening the link (also a mail scanner) changes and counts nothing; the first download uses the link, which from
 * then on works in that browser session only; downloads are recorded and limited ({@code dsr.transfers.max-downloads}).
 * Unknown link 404, expired 410, used in another browser 410, too many downloads 429. Served like the requester's download:
 * attachment, {@code nosniff}, {@code no-store}.
 */
@Controller
class TransmissionPageController {

    /** The transmissions whose link this browser session used (a session attribute). */
    static final String CLAIMED = "dsr.transfer.claimed";

    private final Transmissions transmissions;
    private final AnswerPackage answerPackage;
    private final Register register;
    private final RateLimits rateLimits;

    TransmissionPageController(Transmissions transmissions, AnswerPackage answerPackage, Register register, RateLimits rateLimits) {
        this.transmissions = transmissions;
        this.answerPackage = answerPackage;
        this.register = register;
        this.rateLimits = rateLimits;
    }

    @GetMapping("/transfer")
    String page(@RequestParam(required = false) String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        RequesterLocaleResolver.useRequestLanguage(request, Locale.ENGLISH);
        Optional<Transmissions.Opened> opened = open(token, model, request, response);
        if (opened.isEmpty()) {
            return "public/transfer";
        }
        if (opened.get().used() && !claimedHere(request, opened.get())) {
            return refused(Transmissions.Refused.USED_ELSEWHERE, model, response);
        }
        if (opened.get().transmission().downloads() >= transmissions.settings().maxDownloads()) {
            model.addAttribute("limit", transmissions.settings().maxDownloads());
            return refused(Transmissions.Refused.LIMIT, model, response);
        }
        show(opened.get(), token, model);
        return "public/transfer";
    }

    /** The package itself, from the page's button: the first press uses the link for this browser session. */
    @PostMapping("/transfer/file")
    String file(@RequestParam(required = false) String token, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        RequesterLocaleResolver.useRequestLanguage(request, Locale.ENGLISH);
        Optional<Transmissions.Opened> opened = open(token, model, request, response);
        if (opened.isEmpty()) {
            return "public/transfer";
        }
        if (!claimedHere(request, opened.get())) {
            if (!transmissions.claim(token)) {
                return refused(Transmissions.Refused.USED_ELSEWHERE, model, response);
            }
            claim(request, opened.get());
        }
        if (!transmissions.recordDownload(opened.get().transmission().id())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("result", Transmissions.Refused.LIMIT.name());
            model.addAttribute("limit", transmissions.settings().maxDownloads());
            return "public/transfer";
        }
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(opened.get().request().reference() + "-portable-data.zip", StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        answerPackage.writeStructured(opened.get().request().id(), response.getOutputStream());
        return null;
    }

    private Optional<Transmissions.Opened> open(String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        StringBuilder why = new StringBuilder();
        Optional<Transmissions.Opened> opened = transmissions.open(token, why);
        if (opened.isEmpty()) {
            Transmissions.Refused refused = Transmissions.Refused.valueOf(why.toString());
            if (refused == Transmissions.Refused.UNKNOWN) {
                // Guessing links counts; a working link never does (a scanner on the organisation's network).
                rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
            }
            refused(refused, model, response);
        }
        return opened;
    }

    private static String refused(Transmissions.Refused refused, Model model, HttpServletResponse response) {
        response.setStatus(switch (refused) {
            case UNKNOWN -> HttpStatus.NOT_FOUND.value();
            case EXPIRED, USED_ELSEWHERE -> HttpStatus.GONE.value();
            case LIMIT -> HttpStatus.TOO_MANY_REQUESTS.value();
        });
        model.addAttribute("result", refused.name());
        return "public/transfer";
    }

    private void show(Transmissions.Opened opened, String token, Model model) {
        model.addAttribute("result", "READY");
        model.addAttribute("token", token);
        model.addAttribute("reference", opened.request().reference());
        model.addAttribute("sender", register.forStaff().organisationName());
        model.addAttribute("expires", java.time.LocalDate.ofInstant(opened.transmission().expiresAt(), java.time.ZoneOffset.UTC));
        model.addAttribute("maxDownloads", transmissions.settings().maxDownloads());
    }

    private static boolean claimedHere(HttpServletRequest request, Transmissions.Opened opened) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(CLAIMED) instanceof Set<?> ids && ids.contains(opened.transmission().id());
    }

    private static void claim(HttpServletRequest request, Transmissions.Opened opened) {
        request.getSession();
        // A new session id on the step that grants access, as on any sign-in.
        request.changeSessionId();
        HttpSession session = request.getSession();
        Set<Long> ids = new HashSet<>();
        if (session.getAttribute(CLAIMED) instanceof Set<?> before) {
            before.forEach(id -> ids.add((Long) id));
        }
        ids.add(opened.transmission().id());
        session.setAttribute(CLAIMED, ids);
    }
}
