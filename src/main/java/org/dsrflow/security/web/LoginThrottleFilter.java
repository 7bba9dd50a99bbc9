package org.dsrflow.security.web;

import org.dsrflow.support.SourceAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing of staff passwords per account <em>and</em> source address, in front of every
 * log-in (HTTP basic on the REST and staff APIs, the Camunda webapps' log-in form). An address may
 * fail {@value #FREE_FAILURES} times for one account; after that it waits before its next attempt:
 * 1 minute, then 2, 4, ... up to an hour, answered with 429 and {@code Retry-After} without checking
 * the password. A successful log-in clears its record. The same account from another address is not
 * affected, so nobody can lock a colleague out: the engine keeps no delay per account (it would refuse
 * the owner's right password too, see {@code guard/LeastPrivilegePlugin}). An IPv6 source counts as its /64
 * network (one subscriber's addresses, {@link SourceAddress}), so rotating addresses inside it gains nothing. Guesses spread
 * over many networks are bounded per network; passwords are the bound beyond that (the prod profile asks
 * for long ones). Records live in this node's memory (like the public rate limits).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final int MAX_TRACKED = 100_000;
    private static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";
    /** A log-in form holds a user name and a password; anything much larger is not one. */
    static final int MAX_LOGIN_FORM = 16 * 1024;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottleFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (malformedBasic(request)) {
            // Camunda decodes leniently; a header only it could read would slip past the count.
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"The Authorization header is not valid HTTP basic (Base64 of user:password).\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (isWebappLogin(request)) {
            // The form is read here and handed on unread: reading its parameters would use up the body, and
            // Camunda's log-in resource (JAX-RS) would then find it consumed (Jersey warns at every log-in).
            byte[] form = request.getInputStream().readNBytes(MAX_LOGIN_FORM + 1);
            if (form.length > MAX_LOGIN_FORM) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setContentType("application/problem+json");
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Log-in form too large\",\"status\":413,"
                        + "\"detail\":\"A log-in form has at most " + MAX_LOGIN_FORM + " bytes.\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            request = new ReadAgain(request, form);
        }
        String user = userOf(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = user.toLowerCase(Locale.ROOT) + "|" + SourceAddress.of(request.getRemoteAddr());
        Instant now = clock.instant();
        Failures record = failures.get(key);
        if (record != null && now.isBefore(record.waitUntil())) {
            long seconds = Math.max(1, Duration.between(now, record.waitUntil()).toSeconds() + 1);
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too many failed log-ins\",\"status\":429,"
                    + "\"detail\":\"Too many failed log-ins for this account from this address; try again in " + seconds
                    + " seconds.\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failed(key, record, now);
        } else if (record != null && response.getStatus() < 400) {
            failures.remove(key);
        }
    }

    private void failed(String key, Failures record, Instant now) {
        if (failures.size() > MAX_TRACKED) {
            // Forget what no longer matters first; never the sources that are waiting right now.
            failures.values().removeIf(entry -> entry.lastFailure().plus(FORGET_AFTER).isBefore(now));
            if (failures.size() > MAX_TRACKED) {
                failures.values().removeIf(entry -> !now.isBefore(entry.waitUntil()));
            }
        }
        int count = record == null || record.lastFailure().plus(FORGET_AFTER).isBefore(now) ? 1 : record.count() + 1;
        Instant waitUntil = now;
        if (count >= FREE_FAILURES) {
            Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - FREE_FAILURES, 6));
            waitUntil = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        }
        failures.put(key, new Failures(count, now, waitUntil));
    }

    static boolean malformedBasic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return decoded.indexOf(':') <= 0;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The account a request logs in as: HTTP basic, or the webapps' log-in form; null for other requests. */
    static String userOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 ? decoded.substring(0, colon) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (request instanceof ReadAgain form) {
            String user = form.formValue("username");
            return user == null || user.isBlank() ? null : user;
        }
        return null;
    }

    /** The webapps' log-in form: {@code POST /camunda/api/admin/auth/user/<engine>/login/<app>}. */
    static boolean isWebappLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/");
    }

    /**
     * A request whose body was read by this filter: the body is served again, unchanged, to whoever
     * reads it next (Camunda's log-in resource); its form values are decoded here for the throttle only.
     */
    static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        /** A value of the url-encoded form in the body, without touching the request's own parameters. */
        String formValue(String name) {
            String contentType = getContentType();
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                return null;
            }
            java.nio.charset.Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(getCharacterEncoding());
            for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                try {
                    if (name.equals(java.net.URLDecoder.decode(key, charset))) {
                        return equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), charset);
                    }
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the log-in form was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.ISO_8859_1 : java.nio.charset.Charset.forName(encoding)));
        }
    }

    private record Failures(int count, Instant lastFailure, Instant waitUntil) {
    }
}
