package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.dsrflow.config.Register;
import org.dsrflow.response.ExternalPartyAnswers;
import org.dsrflow.response.ExternalPartyPage;
import org.dsrflow.support.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a processor or recipient opens from its single-use, expiring link (Art. 19, 28): in its
 * language, without a Camunda account, it sees what the person asked for, and confirms what it did or
 * says why not. Who the person is (name and email address, what a party matches its records on) is
 * not on the page the link opens, which mail scanners, forwarded messages and colleagues also see:
 * the party asks for it with a button (POST), and it is shown at most
 * {@code dsr.external-parties.identifier-views} times, each counted. The link ends once the party
 * answered or the privacy team was told it did not. CSRF and rate limits as on the requester's pages.
 */
@Controller
class ExternalPartyPageController {

    static final int MAX_TEXT = 4000;
    static final int MAX_NAME = 200;

    private final ExternalPartyPage parties;
    private final Register register;
    private final RateLimits rateLimits;

    ExternalPartyPageController(ExternalPartyPage parties, Register register, RateLimits rateLimits) {
        this.parties = parties;
        this.register = register;
        this.rateLimits = rateLimits;
    }

    @GetMapping("/external")
    String form(@RequestParam(required = false) String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Optional<ExternalPartyPage.Opened> opened = open(token, model, http, response);
        if (opened.isEmpty()) {
            return "public/external-done";
        }
        show(opened.get(), token, model, http);
        return "public/external";
    }

    /** "Show the person's name and email address": counted; refused (410) once shown as often as allowed. */
    @PostMapping("/external/person")
    String person(@RequestParam(required = false) String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.EXTERNAL_ANSWER, http.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<ExternalPartyPage.Opened> opened = open(token, model, http, response);
        if (opened.isEmpty()) {
            return "public/external-done";
        }
        show(opened.get(), token, model, http);
        ExternalPartyPage.IdentifiersShown shown = parties.showIdentifiers(opened.get());
        if (!shown.shown()) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("personLimit", true);
            return "public/external";
        }
        model.addAttribute("personName", opened.get().request().requesterName());
        model.addAttribute("personEmail", opened.get().request().requesterEmail());
        model.addAttribute("personViews", shown.views());
        Register.InLanguage texts = register.in(opened.get().language());
        java.util.Map<String, java.util.List<String>> corrections = new java.util.LinkedHashMap<>();
        parties.corrections(opened.get()).forEach((category, values) -> corrections.put(
                register.categoryIds().contains(category) ? texts.category(category).name() : category, values));
        model.addAttribute("corrections", corrections);
        return "public/external";
    }

    @PostMapping("/external")
    String answer(@RequestParam(required = false) String token, @RequestParam(required = false) String answeredBy,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String statement,
                  Model model, HttpServletRequest http, HttpServletResponse response) {
        rateLimits.check(RateLimits.Action.EXTERNAL_ANSWER, http.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        Optional<ExternalPartyPage.Opened> opened = open(token, model, http, response);
        if (opened.isEmpty()) {
            return "public/external-done";
        }
        ExternalPartyAnswers.Outcome chosen = "DONE".equals(outcome) ? ExternalPartyAnswers.Outcome.DONE
                : "NOT_DONE".equals(outcome) ? ExternalPartyAnswers.Outcome.NOT_DONE : null;
        boolean bad = answeredBy == null || answeredBy.isBlank() || answeredBy.length() > MAX_NAME
                || answeredBy.chars().anyMatch(Character::isISOControl) || chosen == null
                || (statement != null && statement.length() > MAX_TEXT)
                || (chosen == ExternalPartyAnswers.Outcome.NOT_DONE && (statement == null || statement.isBlank()));
        if (bad) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            show(opened.get(), token, model, http);
            model.addAttribute("error", true);
            model.addAttribute("answeredBy", answeredBy);
            model.addAttribute("outcome", outcome);
            model.addAttribute("statement", statement);
            return "public/external";
        }
        RequesterLocaleResolver.useRequestLanguage(http, Locale.forLanguageTag(opened.get().language()));
        if (!parties.answer(opened.get(), answeredBy.strip(), chosen, statement == null || statement.isBlank() ? null : statement.strip())) {
            model.addAttribute("result", "USED");
            response.setStatus(HttpStatus.GONE.value());
            return "public/external-done";
        }
        model.addAttribute("result", "SENT");
        model.addAttribute("reference", opened.get().request().reference());
        return "public/external-done";
    }

    private Optional<ExternalPartyPage.Opened> open(String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        StringBuilder whyNot = new StringBuilder();
        Optional<ExternalPartyPage.Opened> opened = parties.open(token, whyNot);
        if (opened.isEmpty()) {
            parties.languageOf(token).ifPresent(language -> RequesterLocaleResolver.useRequestLanguage(http, Locale.forLanguageTag(language)));
            model.addAttribute("result", whyNot.toString());
            response.setStatus("UNKNOWN".contentEquals(whyNot) ? HttpStatus.NOT_FOUND.value() : HttpStatus.GONE.value());
            response.setHeader("Cache-Control", "no-store");
        }
        return opened;
    }

    private void show(ExternalPartyPage.Opened opened, String token, Model model, HttpServletRequest http) {
        RequesterLocaleResolver.useRequestLanguage(http, Locale.forLanguageTag(opened.language()));
        Register.InLanguage texts = register.in(opened.language());
        model.addAttribute("token", token);
        model.addAttribute("reference", opened.request().reference());
        model.addAttribute("organisation", texts.organisationName());
        model.addAttribute("type", opened.request().type().name());
        model.addAttribute("categories", String.join(", ", opened.categories().stream()
                .filter(register.categoryIds()::contains).map(category -> texts.category(category).name()).toList()));
        model.addAttribute("maxViews", parties.identifierViews());
    }
}
