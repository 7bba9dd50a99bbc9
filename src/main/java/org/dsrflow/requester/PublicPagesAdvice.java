package org.dsrflow.requester;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;
import org.camunda.bpm.engine.ProcessEngineException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.DatabaseUnavailable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.dsrflow.notification.DateText;
import org.dsrflow.support.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * For every page (not the JSON API, whose handler takes precedence), Spring Boot's error pages
 * included: the organisation's name in the header, dates written for the language, the language
 * switcher's links, and 429 with a page in the requester's language when an address tries too often.
 */
@ControllerAdvice(annotations = Controller.class)
class PublicPagesAdvice {

    private final org.dsrflow.config.Register register;
    private final DateText dates;

    PublicPagesAdvice(org.dsrflow.config.Register register, DateText dates) {
        this.register = register;
        this.dates = dates;
    }

    @ModelAttribute("dates")
    DateText dates() {
        return dates;
    }

    /** Pages reached by posting a link's form, and the link's own page (its token is in the form, not the address). */
    private static final Map<String, String> LINK_PAGES = Map.of("/confirm", "/confirm", "/reply", "/reply", ReplyPageController.EVIDENCE_PATH, "/reply",
            "/external", "/external", "/external/person", "/external", "/download/transfer", "/download", "/transfer/file", "/transfer");

    /** A button's address that is no page of its own: the page it belongs to. */
    private static final Map<String, String> POSTED_FROM = Map.of("/status/download-link", "/status");

    /**
     * The language switcher's links: this very page (its path and query, so a token, a reference
     * and a status key stay) in each language. After a link's form was posted, the link's page
     * (with its token); after another form was posted, the page without the form.
     */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Map<String, String> links = new LinkedHashMap<>();
        // An error page (unknown address, refused form) switches the address that was asked for, not /error.
        String path = request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String asked ? asked : request.getRequestURI();
        if ("POST".equals(request.getMethod())) {
            path = POSTED_FROM.getOrDefault(path, path);
        }
        String linkPage = "POST".equals(request.getMethod()) ? LINK_PAGES.get(path) : null;
        // The identity evidence's form carries its token in the address: its body is not read here.
        String token = linkPage == null ? null : ReplyPageController.EVIDENCE_PATH.equals(path)
                ? ReplyPageController.queryParameter(request, "token") : request.getParameter("token");
        for (String language : register.languages()) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(token != null ? linkPage : path);
            if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
                link.query(request.getQueryString());
            } else if (token != null) {
                link.queryParam("token", org.springframework.web.util.UriUtils.encodeQueryParam(token, java.nio.charset.StandardCharsets.UTF_8));
            }
            links.put(language, link.replaceQueryParam("lang", language).build().toUriString());
        }
        return links;
    }

    @ModelAttribute("organisation")
    String organisation(java.util.Locale locale) {
        return register.in(locale).organisationName();
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
