package org.dsrflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * the owner's right password too, see {@link LeastPrivilegePlugin}). An IPv6 source counts as its /64
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/")) {
            String user = request.getParameter("username");
            return user == null || user.isBlank() ? null : user;
        }
        return null;
    }

    private record Failures(int count, Instant lastFailure, Instant waitUntil) {
    }
}
