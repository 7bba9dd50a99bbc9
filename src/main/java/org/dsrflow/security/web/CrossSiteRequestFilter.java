package org.dsrflow.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.dsrflow.support.PublicLinks;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Changes through the staff API and the REST API come from the application's own pages or from tools,
 * never from another site. A browser that remembers a staff member's HTTP basic credentials (after
 * opening the register CSV, say) sends them with any request a page elsewhere makes; browsers mark such
 * requests ({@code Sec-Fetch-Site}, {@code Origin}), and a changing request marked as coming from another
 * site is refused with 403 before anything runs. Tools (curl, the benchmark, integrations) send neither
 * header and are not affected. The staff API also takes JSON only (415 otherwise): a cross-site form can
 * send only form encodings or plain text without the browser asking first (CORS, which is not enabled).
 * Camunda's webapps guard their own API with their CSRF token. The staff pages' forms ({@code /staff/*}: the
 * department files page) are authenticated by the webapp session's cookie, so the same check stands in front of them.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final PublicLinks links;

    CrossSiteRequestFilter(PublicLinks links) {
        this.links = links;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        boolean staffApi = path(request).startsWith("/api/staff/");
        boolean staffPage = path(request).startsWith("/staff/");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if ((fetchSite != null && !OWN_SITE.contains(fetchSite.toLowerCase(Locale.ROOT)))
                || (origin != null && !ownOrigin(origin, request))) {
            refuse(response, staffApi, staffPage, 403, "Refused: this request came from another site. Changes are made from "
                    + "dsr-flow's own pages or with a tool, never from a page elsewhere.");
            return;
        }
        if (staffApi && !json(request.getContentType()) && !departmentFileUpload(request) && !bodilessDelete(request)) {
            refuse(response, true, false, 415, "The staff API takes JSON only (Content-Type: application/json).");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A file (multipart, which a cross-site form could send without asking first): accepted on the files paths only
     * ({@link MultipartBodiesFilter#filesPath}), still only from this site or a tool (the Sec-Fetch-Site and Origin checks above).
     */
    private static boolean departmentFileUpload(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") && MultipartBodiesFilter.filesPath(path(request));
    }

    /** A DELETE carries no body to type. */
    private static boolean bodilessDelete(HttpServletRequest request) {
        return "DELETE".equals(request.getMethod()) && request.getContentLengthLong() <= 0 && request.getContentType() == null;
    }

    private boolean ownOrigin(String origin, HttpServletRequest request) {
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String own = scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        return normalized.equals(own) || normalized.equals(links.origin().toLowerCase(Locale.ROOT));
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void refuse(HttpServletResponse response, boolean staffApi, boolean staffPage, int status, String message)
            throws IOException {
        response.setStatus(status);
        String body;
        if (staffPage) {
            // A staff page's form (the department files page): a person reads the answer.
            response.setContentType("text/plain;charset=UTF-8");
            body = message;
        } else if (staffApi) {
            response.setContentType("application/problem+json");
            body = "{\"type\":\"about:blank\",\"title\":\"" + (status == 403 ? "Forbidden" : "Unsupported Media Type")
                    + "\",\"status\":" + status + ",\"detail\":\"" + message + "\"}";
        } else {
            // As the REST API answers its own refusals.
            response.setContentType("application/json");
            body = "{\"type\":\"AuthorizationException\",\"message\":\"" + message + "\"}";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
