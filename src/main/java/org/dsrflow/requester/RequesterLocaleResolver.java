package org.dsrflow.requester;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The requester's language: the one chosen with the switcher (a cookie), otherwise the best match
 * of the browser's Accept-Language among the register's languages ("no" and "nn" read as bokmål),
 * otherwise the register's first language.
 */
public class RequesterLocaleResolver implements LocaleResolver {

    static final String COOKIE = "dsr-lang";
    static final String LANGUAGE_PARAMETER = "lang";
    private static final String CHOSEN = RequesterLocaleResolver.class.getName() + ".chosen";
    private static final String SWITCHED = RequesterLocaleResolver.class.getName() + ".switched";

    private final List<Locale> supported;
    private final Locale fallback;

    /** The register's languages; the first is the default. */
    RequesterLocaleResolver(List<String> languages) {
        this.supported = languages.stream().map(Locale::forLanguageTag).toList();
        this.fallback = supported.get(0);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName()) && supported(cookie.getValue()) != null) {
                    return supported(cookie.getValue());
                }
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(
                        header.replaceAll("\\b(no|nn)\\b", "nb"));
                Locale match = Locale.lookup(ranges, supported);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header: use the default
            }
        }
        return fallback;
    }

    /**
     * Pages reached from an email link speak the language of the request they belong to, whatever
     * the browser says; only for this response (the requester's own choice is not changed).
     */
    public static void useRequestLanguage(HttpServletRequest request, Locale locale) {
        // ... unless the requester just chose a language on this very page with the switcher.
        if (request.getAttribute(SWITCHED) == null) {
            request.setAttribute(CHOSEN, locale);
        }
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = locale == null ? null : supported(locale.getLanguage());
        if (chosen != null) {
            request.setAttribute(CHOSEN, chosen);
            request.setAttribute(SWITCHED, Boolean.TRUE);
        }
        if (chosen != null && response != null) {
            Cookie cookie = new Cookie(COOKIE, chosen.getLanguage());
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(60 * 60 * 24 * 365);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
    }

    Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return supported.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst().orElse(null);
    }
}
