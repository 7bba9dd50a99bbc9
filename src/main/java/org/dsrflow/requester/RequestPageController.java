package org.dsrflow.requester;

import org.dsrflow.support.RateLimits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.request.Channel;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The public request form: plain words, errors beside the fields with the input kept, what happens
 * next. Works without JavaScript; protected by CSRF tokens, a honeypot and a per-address limit.
 */
@Controller
class RequestPageController {

    static final String SUBMITTED = RequestPageController.class.getName() + ".submitted";

    private final RequestIntakeService intake;
    private final Validator validator;
    private final RateLimits rateLimits;
    private final org.dsrflow.config.Register register;

    RequestPageController(RequestIntakeService intake, Validator validator, RateLimits rateLimits, org.dsrflow.config.Register register) {
        this.intake = intake;
        this.validator = validator;
        this.rateLimits = rateLimits;
        this.register = register;
    }

    @GetMapping({"/", "/request"})
    String form(Model model, Locale locale) {
        RequestForm form = new RequestForm();
        form.setLanguage(locale.getLanguage());
        return show(form, new LinkedHashMap<>(), model);
    }

    @PostMapping("/request")
    String submit(@ModelAttribute("form") RequestForm form, Model model, HttpServletRequest http) {
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
            e.problems().forEach(problem -> errors.putIfAbsent(field(problem.field()), "page.error." + field(problem.field())
                    + ("details".equals(problem.field()) && problem.message().startsWith("is required") ? ".required" : "")));
        }
        if (errors.isEmpty()) {
            try {
                String reference = intake.submitReceivedToday(input, Channel.WEB).request().reference();
                // Kept in this browser's session, not for one view only: switching language keeps it on the page.
                http.getSession().setAttribute(SUBMITTED, reference);
                return "redirect:/request/submitted";
            } catch (InvalidRequestException e) {
                e.problems().forEach(problem -> errors.putIfAbsent(field(problem.field()), "page.error." + field(problem.field())));
            }
        }
        return show(form, errors, model);
    }

    @GetMapping("/request/submitted")
    String submitted(HttpSession session, Model model) {
        model.addAttribute("reference", session == null ? null : session.getAttribute(SUBMITTED));
        return "public/request-submitted";
    }

    private String show(RequestForm form, Map<String, String> errors, Model model) {
        if (form.isOnBehalf()) {
            // The name and address are the other person's: the messages say so, like the labels.
            errors.replaceAll((field, message) -> OTHER_PERSONS.contains(field) ? message + ".other" : message);
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        // The summary lists the errors in the order of the form, whatever the language.
        model.addAttribute("errorList", errors.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(error -> FIELD_ORDER.indexOf(error.getKey())))
                .map(error -> new ErrorLink(anchor(error.getKey()), error.getValue()))
                .toList());
        org.dsrflow.config.Register.InLanguage texts = register.in(org.springframework.context.i18n.LocaleContextHolder.getLocale());
        model.addAttribute("types", java.util.Arrays.stream(org.dsrflow.request.RequestType.values()).map(Enum::name).toList());
        // The grounds show only while a type that takes one is chosen (CSS :has() on this class).
        model.addAttribute("groundTypes", java.util.Arrays.stream(org.dsrflow.request.RequestType.values())
                .filter(org.dsrflow.request.RequestType::takesRestrictionGround).map(Enum::name).toList());
        model.addAttribute("grounds", java.util.Arrays.stream(org.dsrflow.request.RestrictionGround.values()).map(Enum::name).toList());
        model.addAttribute("sites", texts.sites());
        model.addAttribute("categories", texts.categories());
        return "public/request-form";
    }

    /** The form's fields, top to bottom. */
    static final java.util.List<String> FIELD_ORDER = java.util.List.of("type", "ground", "onBehalf", "agentName", "agentEmail",
            "authorisationConfirmed", "name", "email", "site", "language", "categories", "details");

    /** Fields that hold the other person's details when someone asks on their behalf. */
    private static final java.util.Set<String> OTHER_PERSONS = java.util.Set.of("name", "email");

    /**
     * What the summary links to: the field's box (a group's fieldset), which starts with its label or
     * question, so following the link shows what the field is, not a bare input under the top edge.
     */
    private static String anchor(String field) {
        return "field-" + field;
    }

    /** One line of the error summary: the field it links to and the message key. */
    record ErrorLink(String anchor, String message) {
    }

    /** "categories[1]" → "categories": errors are shown beside the field. */
    private static String field(String path) {
        return path.replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
    }
}
