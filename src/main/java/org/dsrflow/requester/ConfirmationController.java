package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.dsrflow.support.RateLimits;
import org.dsrflow.verification.EmailConfirmationService;
import org.dsrflow.verification.TokenHash;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The landing page of the confirmation link in the acknowledgement email. Opening the link (GET,
 * HEAD: also every mail gateway that scans the message) only shows what is to be confirmed, the
 * reference and what was asked for, with a button; pressing it (POST with the page's CSRF token)
 * confirms, and the browser is sent back to the link, which shows the outcome. An outcome seen in
 * this browser is shown again (e.g. in another language): nothing used up or counted. Only an
 * unknown link counts against the address's limit when opened; every press counts.
 */
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
    String page(@RequestParam(name = "token", required = false) String token, Model model,
                HttpServletResponse response, HttpServletRequest request) {
        EmailConfirmationService.Result result = seen(request, token);
        if (result == null) {
            result = confirmations.check(token);
            if (result.outcome() == EmailConfirmationService.Outcome.UNKNOWN) {
                rateLimits.check(RateLimits.Action.CONFIRM, request.getRemoteAddr());
            }
        }
        return show(result, token, model, request, response);
    }

    @PostMapping("/confirm")
    Object confirm(@RequestParam(name = "token", required = false) String token, Model model,
                   HttpServletResponse response, HttpServletRequest request) {
        rateLimits.check(RateLimits.Action.CONFIRM, request.getRemoteAddr());
        EmailConfirmationService.Result result = confirmations.confirm(token);
        if (result.outcome() == EmailConfirmationService.Outcome.UNKNOWN) {
            return show(result, token, model, request, response);
        }
        request.getSession().setAttribute(SEEN + TokenHash.sha256(token), result);
        // Post/redirect/get: the outcome's page has the link's own address (reload, language switcher).
        RedirectView outcome = new RedirectView("/confirm?token=" + token, true);
        outcome.setStatusCode(HttpStatus.SEE_OTHER);
        outcome.setExposeModelAttributes(false);
        return outcome;
    }

    private static EmailConfirmationService.Result seen(HttpServletRequest request, String token) {
        HttpSession session = request.getSession(false);
        return token == null || session == null ? null
                : (EmailConfirmationService.Result) session.getAttribute(SEEN + TokenHash.sha256(token));
    }

    private static String show(EmailConfirmationService.Result result, String token, Model model, HttpServletRequest request,
                               HttpServletResponse response) {
        if (result.language() != null) {
            RequesterLocaleResolver.useRequestLanguage(request, result.language());
        }
        model.addAttribute("outcome", result.outcome().name());
        model.addAttribute("reference", result.reference());
        model.addAttribute("type", result.type());
        if (result.outcome() == EmailConfirmationService.Outcome.PENDING) {
            model.addAttribute("token", token);
        }
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
