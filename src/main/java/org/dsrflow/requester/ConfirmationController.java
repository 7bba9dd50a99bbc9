package org.dsrflow.requester;

import org.dsrflow.requester.RequesterLocaleResolver;
import org.dsrflow.security.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.verification.TokenHash;
import org.dsrflow.verification.EmailConfirmationService;

/** The landing page of the confirmation link in the acknowledgement email. */
@Controller
class ConfirmationController {

    private static final String SEEN = ConfirmationController.class.getName() + ".seen.";

    private final EmailConfirmationService confirmations;
    private final RateLimits rateLimits;

    ConfirmationController(EmailConfirmationService confirmations, RateLimits rateLimits) {
        this.confirmations = confirmations;
        this.rateLimits = rateLimits;
    }

    @GetMapping("/confirm")
    String confirm(@RequestParam(name = "token", required = false) String token, Model model,
                   HttpServletResponse response, jakarta.servlet.http.HttpServletRequest request) {
        // The same page again in this browser (e.g. in another language): its outcome, nothing used up or counted.
        String seen = token == null ? null : SEEN + TokenHash.sha256(token);
        EmailConfirmationService.Result result = seen == null || request.getSession(false) == null ? null
                : (EmailConfirmationService.Result) request.getSession(false).getAttribute(seen);
        if (result == null) {
            rateLimits.check(RateLimits.Action.CONFIRM, request.getRemoteAddr());
            result = confirmations.confirm(token);
            if (seen != null && result.outcome() != EmailConfirmationService.Outcome.UNKNOWN) {
                request.getSession().setAttribute(seen, result);
            }
        }
        if (result.language() != null) {
            RequesterLocaleResolver.useRequestLanguage(request, result.language());
        }
        model.addAttribute("outcome", result.outcome().name());
        model.addAttribute("reference", result.reference());
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        if (result.outcome() == EmailConfirmationService.Outcome.UNKNOWN) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        } else if (result.outcome() == EmailConfirmationService.Outcome.EXPIRED) {
            response.setStatus(HttpStatus.GONE.value());
        }
        return "confirm";
    }
}
