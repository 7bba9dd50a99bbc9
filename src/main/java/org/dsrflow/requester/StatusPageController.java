package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.security.RateLimits;
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
 * or by a mail scanner on their network) never does.
 */
@Controller
class StatusPageController {

    private final StatusKeys keys;
    private final DeadlineService deadlines;
    private final RateLimits rateLimits;

    StatusPageController(StatusKeys keys, DeadlineService deadlines, RateLimits rateLimits) {
        this.keys = keys;
        this.deadlines = deadlines;
        this.rateLimits = rateLimits;
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
        model.addAttribute("request", found);
        model.addAttribute("deadlines", deadlines.current(found.id()));
        return "public/status";
    }
}
