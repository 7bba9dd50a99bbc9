package org.dsrflow.security.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Paths that are not in normal form ({@code //engine-rest/user}, {@code /engine-rest;/user},
 * encoded dots or slashes) are refused with 400 before any servlet sees them: servlet mapping and
 * the frameworks behind it disagree about such paths (Jersey answers them with a 500), and a
 * security check must never depend on which one reads the path. A direct request for the error page
 * ({@code GET /error}) is a 404, not Spring Boot's 500 without an error.
 */
class RequestPathFilter extends OncePerRequestFilter {

    private static final List<String> NOT_NORMAL = List.of("//", ";", "\\", "/./", "/../", "%2e", "%2f", "%5c", "%3b",
            "%00", "%25");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String lower = uri.toLowerCase(Locale.ROOT);
        if (NOT_NORMAL.stream().anyMatch(lower::contains) || lower.endsWith("/.") || lower.endsWith("/..")) {
            problem(response, 400, "Bad request", "The request path is not in normal form (double slashes, ';', "
                    + "dot segments or encoded separators are not accepted).");
            return;
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && "/error".equals(uri.substring(request.getContextPath().length()))) {
            problem(response, 404, "Not found", "There is nothing at /error.");
            return;
        }
        chain.doFilter(request, response);
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
