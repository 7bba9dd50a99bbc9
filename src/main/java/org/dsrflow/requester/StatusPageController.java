package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.RateLimits;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The requester's status page: reference plus the secret status key from the acknowledgement
 * email; shows the stage in plain words and the dates, nothing else. A wrong key and an unknown
 * reference look the same.
 */
@Controller
class StatusPageController {

    private final TokenService tokens;
    private final RequestRepository requests;
    private final DeadlineService deadlines;
    private final RateLimits rateLimits;

    StatusPageController(TokenService tokens, RequestRepository requests, DeadlineService deadlines, RateLimits rateLimits) {
        this.tokens = tokens;
        this.requests = requests;
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
        rateLimits.check(RateLimits.Action.STATUS, request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        DsrRequest found = tokens.find(key.strip(), TokenPurpose.STATUS)
                .flatMap(state -> requests.findById(state.requestId()))
                .filter(candidate -> candidate.reference().equalsIgnoreCase(ref.strip()))
                .orElse(null);
        if (found == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", true);
            return "public/status-form";
        }
        RequesterLocaleResolver.useRequestLanguage(request, found.language().locale());
        model.addAttribute("request", found);
        model.addAttribute("deadlines", deadlines.current(found.id()));
        return "public/status";
    }
}
