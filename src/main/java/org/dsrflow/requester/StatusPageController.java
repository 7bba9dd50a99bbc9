package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.notification.EmailNotSentException;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.response.DownloadLinks;
import org.dsrflow.support.RateLimits;
import org.dsrflow.verification.StatusKeys;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The requester's status page: reference plus the secret status key from the acknowledgement
 * email; shows the stage in plain words and the dates, nothing else. A wrong key and an unknown
 * reference look the same; a key that expired after the request closed says so (410). Only a
 * failed look-up counts against the address's limit: a working link opened again (by the person,
 * or by a mail scanner on their network) never does. While the answer's download link works, the
 * page says so and offers to email a new one (a button; the link is never on the page).
 */
@Controller
class StatusPageController {

    private final StatusKeys keys;
    private final DeadlineService deadlines;
    private final RateLimits rateLimits;
    private final DownloadLinks downloadLinks;

    private final org.dsrflow.config.Register register;

    StatusPageController(StatusKeys keys, DeadlineService deadlines, RateLimits rateLimits, DownloadLinks downloadLinks,
                         org.dsrflow.config.Register register) {
        this.register = register;
        this.keys = keys;
        this.deadlines = deadlines;
        this.rateLimits = rateLimits;
        this.downloadLinks = downloadLinks;
    }

    @GetMapping("/status")
    String status(@RequestParam(required = false) String ref, @RequestParam(required = false) String key, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        if (ref == null || key == null) {
            return "public/status-form";
        }
        return lookup(ref, key, model, request, response);
    }

    @PostMapping("/status")
    String lookup(@RequestParam String ref, @RequestParam String key, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        StatusKeys.Lookup lookup = keys.find(ref, key);
        if (!lookup.found()) {
            rateLimits.check(RateLimits.Action.STATUS, request.getRemoteAddr());
        }
        if (lookup.outcome() == StatusKeys.Outcome.NOT_FOUND) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", true);
            return "public/status-form";
        }
        DsrRequest found = lookup.request();
        RequesterLocaleResolver.useRequestLanguage(request, found.language().locale());
        if (lookup.outcome() == StatusKeys.Outcome.EXPIRED) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("keyExpired", true);
            model.addAttribute("daysAfterClosure", keys.daysAfterClosure());
            return "public/status-form";
        }
        return show(found, model);
    }

    /**
     * "Email me a new download link": sent to the request's own address, never shown here (see
     * {@link DownloadLinks}). Each press counts against the address's download limit.
     */
    @PostMapping("/status/download-link")
    String newDownloadLink(@RequestParam String ref, @RequestParam String key, Model model, HttpServletRequest request,
                           HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.DOWNLOAD, request.getRemoteAddr());
        StatusKeys.Lookup lookup = keys.find(ref, key);
        if (!lookup.found()) {
            return lookup(ref, key, model, request, response);
        }
        response.setHeader("Cache-Control", "no-store");
        DsrRequest found = lookup.request();
        RequesterLocaleResolver.useRequestLanguage(request, found.language().locale());
        try {
            model.addAttribute("resent", downloadLinks.resend(found));
        } catch (EmailNotSentException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("resendFailed", true);
        }
        return show(found, model);
    }

    private String show(DsrRequest found, Model model) {
        model.addAttribute("request", found);
        var current = deadlines.current(found.id());
        model.addAttribute("deadlines", current);
        // The standard reason in the requester's language, then the privacy team's words (as in the extension notice).
        model.addAttribute("extensionReasons", current.extended() ? register.in(found.language().name()).reasons(
                org.dsrflow.config.DsrProperties.ReasonKind.EXTENSION, current.extensionReason(), current.extensionReasons()) : null);
        model.addAttribute("download", downloadLinks.offer(found).orElse(null));
        return "public/status";
    }
}
