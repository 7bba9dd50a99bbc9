package org.dsrflow.security.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Log-out (/logout) with single sign-on, only when this site or the user asks for it. The webapps' "Log out"
 * is a link (GET): their content security policy (form-action 'self') would also stop a form's redirect on
 * to the provider. So a GET ends the session only when the browser says it comes from this origin
 * ({@code Sec-Fetch-Site: same-origin}) or from the user ({@code none}: typed, a bookmark); from another
 * site (an {@code <img src=/logout>}), or from a browser that sends no fetch metadata, this filter answers a
 * small page instead whose button posts the log-out with Spring Security's CSRF token. That page has no
 * form-action restriction, so the redirect to the provider goes through; a POST without the token is a 403.
 */
final class SameSiteLogout extends OncePerRequestFilter {

    static final String PATH = "/logout";
    private static final Set<String> OWN = Set.of("same-origin", "none");
    private static final RequestMatcher LOGOUT = PathPatternRequestMatcher.withDefaults().matcher(PATH);

    /** The requests that log out: a POST (CSRF-checked), or a GET from this origin or the user. */
    static RequestMatcher logOut() {
        return request -> LOGOUT.matches(request) && ("POST".equals(request.getMethod())
                || ("GET".equals(request.getMethod()) && OWN.contains(String.valueOf(request.getHeader("Sec-Fetch-Site")))));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod()) || !LOGOUT.matches(request) || logOut().matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Log out</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body style="font-family: sans-serif; margin: 3em auto; max-width: 30em">
                <h1>Log out of dsr-flow?</h1>
                <p>This log-out did not come from dsr-flow's own pages, so it waits for you.</p>
                <form method="post" action="%s"><input type="hidden" name="%s" value="%s">
                <button type="submit">Log out</button></form>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(request.getContextPath() + PATH), HtmlUtils.htmlEscape(csrf.getParameterName()),
                HtmlUtils.htmlEscape(csrf.getToken()));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // No form-action: the log-out continues at the provider.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }
}
