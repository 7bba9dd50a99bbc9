package org.dsrflow.verification;

import org.dsrflow.requester.RequesterLocaleResolver;
import org.dsrflow.security.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/** The landing page of the confirmation link in the acknowledgement email. */
@Controller
class ConfirmationController {

    private final EmailConfirmationService confirmations;
    private final RateLimits rateLimits;

    ConfirmationController(EmailConfirmationService confirmations, RateLimits rateLimits) {
        this.confirmations = confirmations;
        this.rateLimits = rateLimits;
    }

    @GetMapping("/confirm")
    String confirm(@RequestParam(name = "token", required = false) String token, Model model,
                   HttpServletResponse response, jakarta.servlet.http.HttpServletRequest request) {
        rateLimits.check(RateLimits.Action.CONFIRM, request.getRemoteAddr());
        EmailConfirmationService.Result result = confirmations.confirm(token);
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
