package org.dsrflow.security.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the script (and style sheet) of {@link WebappSsoPlugin} in every Camunda webapp: without
 * single sign-on an empty script, so the webapps' own log-in form and log-out apply unchanged; with
 * single sign-on dsr-flow's script ({@code security/webapp-sso.js}), by which "Log out" ends the session
 * here and at the provider, and a webapp whose session has ended loads its page again, so the server
 * sends the browser to sign in (rather than showing the webapp's log-in form, useless then).
 */
public final class WebappSignInFilter extends OncePerRequestFilter {

    private static final String NO_SSO_SCRIPT = "/* dsr-flow: no single sign-on; the webapps' own log-in and log-out apply. */\n";

    private final boolean sso;
    private final Pattern asset;
    private final String ssoScript;

    public WebappSignInFilter(boolean sso, String webappPath) {
        this.sso = sso;
        this.asset = Pattern.compile(Pattern.quote(webappPath) + "/api/(?:tasklist|cockpit|admin|welcome)/plugin/"
                + Pattern.quote(WebappSsoPlugin.ID) + "/static/app/plugin\\.(js|css)");
        this.ssoScript = sso ? read("/security/webapp-sso.js") : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher matched = asset.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!"GET".equals(request.getMethod()) || !matched.matches()) {
            chain.doFilter(request, response);
            return;
        }
        String body;
        if ("css".equals(matched.group(1))) {
            response.setContentType("text/css;charset=UTF-8");
            body = "";
        } else {
            response.setContentType("text/javascript;charset=UTF-8");
            body = sso ? ssoScript.replace("@LOGOUT_URL@", request.getContextPath() + "/logout") : NO_SSO_SCRIPT;
        }
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(String resource) {
        try (InputStream in = WebappSignInFilter.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
