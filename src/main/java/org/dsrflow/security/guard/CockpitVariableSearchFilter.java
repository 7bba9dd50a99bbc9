package org.dsrflow.security.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's plugin API ({@code /camunda/api/cockpit/plugin/…}: the instance table, called instances and
 * definitions) filters by variables in SQL on Cockpit's own query executor, where no engine command
 * interceptor runs, so {@link TaskWorkGuard} never sees those queries. The same rule ({@link VariablesOnlyIfReadable}) is applied here, in
 * front of it: a search with variable conditions (the {@code variables} parameter, or a {@code variables}
 * list anywhere in the JSON body) needs the permission to read variables; otherwise 403 and nothing is
 * counted or listed.
 */
public final class CockpitVariableSearchFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 64 * 1024;
    private static final Set<String> VARIABLE_LISTS = Set.of("variables", "processVariables", "taskVariables",
            "caseInstanceVariables");

    private final AuthorizationService authorizations;
    private final ObjectMapper json;

    public CockpitVariableSearchFilter(AuthorizationService authorizations, ObjectMapper json) {
        this.authorizations = authorizations;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest passed = request;
        boolean byVariables = VARIABLE_LISTS.stream().anyMatch(name -> {
            String[] values = request.getParameterValues(name);
            return values != null && java.util.Arrays.stream(values).anyMatch(value -> !value.isBlank());
        });
        if (!byVariables && hasBody(request)) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                problem(response, 413, "A Cockpit query is at most " + MAX_BODY + " bytes.");
                return;
            }
            byVariables = hasVariableConditions(body);
            passed = new ReadAgain(request, body);
        }
        if (byVariables && !variablesReadable(request)) {
            problem(response, 403, "Filtering by variables needs the permission to read them.");
            return;
        }
        chain.doFilter(passed, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
    }

    private boolean hasVariableConditions(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try {
            return hasVariableConditions(json.readTree(body));
        } catch (IOException e) {
            return false; // not JSON: Cockpit answers it itself, without running a query
        }
    }

    private static boolean hasVariableConditions(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (VARIABLE_LISTS.contains(field.getKey()) && !field.getValue().isNull() && !field.getValue().isEmpty()) {
                    return true;
                }
                if (hasVariableConditions(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasVariableConditions(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The webapp session's user (local log-in or single sign-on) may read variables; no session: Cockpit answers 401. */
    private boolean variablesReadable(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (signedIn == null || !(signedIn.getAuthenticationForProcessEngine("default") instanceof UserAuthentication user)) {
            return true;
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        return VariableReading.allowed((permission, resource, resourceId) ->
                authorizations.isUserAuthorized(user.getIdentityId(), groups, permission, resource, resourceId));
    }

    private static void problem(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"type\":\"" + (status == 403 ? "AuthorizationException" : "InvalidRequestException")
                + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body, already read for the check, readable once more by Cockpit. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
