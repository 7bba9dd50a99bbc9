package org.dsrflow.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The application's servlet parses multipart bodies for files only: a department task's files (the staff API and the
 * staff page linked from the Tasklist form), the privacy review's redacted version of a file, and the requester's identity
 * evidence on the reply page (whose controller checks the link and the size before it reads the body). Anywhere else (the public pages,
 * whose CSRF check reads a form parameter, would otherwise have a large multipart body parsed before any check) a
 * multipart body is refused with 415 before it is read. Camunda's own REST API and webapps parse theirs themselves.
 */
public final class MultipartBodiesFilter extends OncePerRequestFilter {

    private static final Pattern FILES = Pattern.compile("^/api/staff/tasks/[^/]+/files$"
            + "|^/staff/requests/[^/]+/department-files$"
            + "|^/staff/requests/[^/]+/files/[^/]+/redacted$"
            + "|^/reply/evidence$");

    MultipartBodiesFilter() {
    }

    /** Exactly the paths that take a file: {@code /api/staff/tasks/{taskId}/files}, {@code /staff/requests/{reference}/department-files}, {@code /staff/requests/{reference}/files/{id}/redacted}, {@code /reply/evidence}. */
    public static boolean filesPath(String path) {
        return FILES.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") && !filesPath(path)
                && !path.startsWith("/engine-rest/") && !path.startsWith("/camunda/")) {
            response.setStatus(415);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,"
                    + "\"detail\":\"Multipart bodies are accepted only where a file is uploaded.\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
