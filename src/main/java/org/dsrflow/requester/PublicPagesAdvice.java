package org.dsrflow.requester;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsrflow.intake.Language;
import org.springframework.web.util.UriComponentsBuilder;
import org.camunda.bpm.engine.ProcessEngineException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.DatabaseUnavailable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.dsrflow.notification.DateText;
import org.dsrflow.security.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * For every page (not the JSON API, whose handler takes precedence): the organisation's name in the
 * header, dates written for the language, and 429 with a page in the requester's language when an address tries too often.
 */
@ControllerAdvice(annotations = Controller.class)
class PublicPagesAdvice {

    private final DsrProperties properties;
    private final DateText dates;

    PublicPagesAdvice(DsrProperties properties, DateText dates) {
        this.properties = properties;
        this.dates = dates;
    }

    @ModelAttribute("dates")
    DateText dates() {
        return dates;
    }

    /**
     * The language switcher's links: this very page (its path and query, so a token, a reference
     * and a status key stay) in each language. After a form was posted, the page without the form.
     */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
            if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
                link.query(request.getQueryString());
            }
            links.put(language.name(), link.replaceQueryParam("lang", language.name()).build().toUriString());
        }
        return links;
    }

    @ModelAttribute("organisation")
    String organisation() {
        return properties.organisation().name();
    }

    /** The database cannot be reached: a page that says so (503, Retry-After), never an error page. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
    String unavailable(Exception e, HttpServletResponse response) throws Exception {
        if (!DatabaseUnavailable.causedBy(e)) {
            throw e;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        return "public/unavailable";
    }

    @ExceptionHandler(RateLimits.TooManyRequestsException.class)
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    String limited() {
        return "public/rate-limited";
    }
}
