package org.dsrflow.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the script and style sheet of {@link StaffWebappPlugin} in every Camunda webapp, from
 * {@code plugin-webapp/dsr-staff/app/}. Camunda serves a plugin's assets only through a JAX-RS root
 * resource of each webapp's own kind; this plugin has nothing else to serve, so one filter does it
 * for all four.
 */
final class StaffWebappAssets extends OncePerRequestFilter {

    private final Pattern asset;
    private final byte[] script;
    private final byte[] styles;

    StaffWebappAssets(String webappPath) {
        this.asset = Pattern.compile(Pattern.quote(webappPath) + "/api/(?:tasklist|cockpit|admin|welcome)/plugin/"
                + Pattern.quote(StaffWebappPlugin.ID) + "/static/app/plugin\\.(js|css)");
        this.script = read("/plugin-webapp/" + StaffWebappPlugin.ID + "/app/plugin.js");
        this.styles = read("/plugin-webapp/" + StaffWebappPlugin.ID + "/app/plugin.css");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher matched = asset.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!"GET".equals(request.getMethod()) || !matched.matches()) {
            chain.doFilter(request, response);
            return;
        }
        boolean css = "css".equals(matched.group(1));
        response.setContentType(css ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.getOutputStream().write(css ? styles : script);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaffWebappAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
