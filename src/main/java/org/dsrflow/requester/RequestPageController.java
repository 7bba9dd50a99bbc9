package org.dsrflow.requester;

import org.dsrflow.security.RateLimits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.intake.Channel;
import org.dsrflow.intake.InvalidRequestException;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public request form: plain words, errors beside the fields with the input kept, what happens
 * next. Works without JavaScript; protected by CSRF tokens, a honeypot and a per-address limit.
 */
@Controller
class RequestPageController {

    private final RequestIntakeService intake;
    private final Validator validator;
    private final RateLimits rateLimits;
    private final DsrProperties properties;

    RequestPageController(RequestIntakeService intake, Validator validator, RateLimits rateLimits, DsrProperties properties) {
        this.intake = intake;
        this.validator = validator;
        this.rateLimits = rateLimits;
        this.properties = properties;
    }

    @GetMapping({"/", "/request"})
    String form(Model model, Locale locale) {
        RequestForm form = new RequestForm();
        form.setLanguage(locale.getLanguage());
        return show(form, Map.of(), model);
    }

    @PostMapping("/request")
    String submit(@ModelAttribute("form") RequestForm form, Model model, HttpServletRequest http,
                  RedirectAttributes redirect) {
        rateLimits.check(RateLimits.Action.SUBMIT, http.getRemoteAddr());
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            return "redirect:/request/submitted"; // a bot: answer like a success, store nothing
        }
        NewRequest input = form.toNewRequest();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<NewRequest> violation : validator.validate(input)) {
            errors.putIfAbsent(field(violation.getPropertyPath().toString()), "page.error." + field(violation.getPropertyPath().toString()));
        }
        try {
            intake.checkAgainstConfiguration(input);
        } catch (InvalidRequestException e) {
            e.problems().forEach(problem -> errors.putIfAbsent(field(problem.field()), "page.error." + field(problem.field())));
        }
        if (errors.isEmpty()) {
            try {
                String reference = intake.submitReceivedToday(input, Channel.WEB).request().reference();
                redirect.addFlashAttribute("reference", reference);
                return "redirect:/request/submitted";
            } catch (InvalidRequestException e) {
                e.problems().forEach(problem -> errors.putIfAbsent(field(problem.field()), "page.error." + field(problem.field())));
            }
        }
        return show(form, errors, model);
    }

    @GetMapping("/request/submitted")
    String submitted() {
        return "public/request-submitted";
    }

    private String show(RequestForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("sites", properties.organisation().sites().keySet());
        model.addAttribute("categories", properties.organisation().categories());
        return "public/request-form";
    }

    /** "categories[1]" → "categories": errors are shown beside the field. */
    private static String field(String path) {
        return path.replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
    }
}
