package org.dsrflow.security.web;

import org.dsrflow.security.StaffGroups;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Staff pages opened from a Tasklist form (the compiled answer, a request's questions and answers)
 * are authenticated by the Camunda webapp session the reviewer already has: the privacy team and
 * administrators only (managers follow service levels, not the contents of requests).
 */
public final class StaffSessions {

    private StaffSessions() {
    }

    /**
     * The answer of a staff page the caller may not see, or null when it may: 401 asking to log in
     * first, or 403 saying that only the privacy team may read {@code what}.
     */
    public static org.springframework.http.ResponseEntity<String> refusedPage(HttpServletRequest request, String what) {
        HttpStatus refused = privacyTeamRefusal(request);
        return refused == null ? null : org.springframework.http.ResponseEntity.status(refused).body(
                refused == HttpStatus.UNAUTHORIZED ? "Log into Camunda Tasklist or Cockpit first." : "Only the privacy team may read " + what + ".");
    }

    /**
     * A privacy-team page about one request: the page for the request {@code find} gives for the reference; for anyone
     * else the refusal of {@link #refusedPage}, and for a reference that names no request {@link #noRequest}.
     */
    public static org.springframework.http.ResponseEntity<String> privacyPage(HttpServletRequest request, String what, String reference,
            java.util.function.Function<String, Optional<org.dsrflow.request.DsrRequest>> find,
            java.util.function.Function<org.dsrflow.request.DsrRequest, org.springframework.http.ResponseEntity<String>> page) {
        org.springframework.http.ResponseEntity<String> refused = refusedPage(request, what);
        if (refused != null) {
            return refused;
        }
        return find.apply(reference).map(page).orElseGet(() -> noRequest(reference));
    }

    /** A staff page's answer for a reference that names no request (the reference echoed in safe characters only). */
    public static org.springframework.http.ResponseEntity<String> noRequest(String reference) {
        return org.springframework.http.ResponseEntity.status(HttpStatus.NOT_FOUND).body("No request " + reference.replaceAll("[^A-Za-z0-9-]", ""));
    }

    /** A signed-in member of staff: the engine's user id and groups. */
    public record StaffUser(String userId, List<String> groups) {

        public StaffUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** The privacy team, or an administrator: may read a request's contents. */
        public boolean privacyTeam() {
            return groups.contains(StaffGroups.PRIVACY) || groups.contains(Groups.CAMUNDA_ADMIN);
        }

        public boolean manager() {
            return groups.contains(StaffGroups.MANAGERS);
        }
    }

    /**
     * The member of staff of this web request: the Camunda webapp session's user (Tasklist, Cockpit
     * log-in), or the user signed in through single sign-on; empty without either.
     */
    public static Optional<StaffUser> current(HttpServletRequest request) {
        var session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null && authentications.getAuthenticationForProcessEngine("default")
                instanceof UserAuthentication user) {
            return Optional.of(new StaffUser(user.getIdentityId(), user.getGroupIds()));
        }
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken signedIn
                && signedIn.isAuthenticated()) {
            return Optional.of(new StaffUser(signedIn.getName(),
                    signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()));
        }
        return Optional.empty();
    }

    /** Null when the caller is the privacy team (or an administrator); else 401 without a session, 403 for others. */
    public static HttpStatus privacyTeamRefusal(HttpServletRequest request) {
        Optional<StaffUser> user = current(request);
        if (user.isEmpty()) {
            return HttpStatus.UNAUTHORIZED;
        }
        return user.get().privacyTeam() ? null : HttpStatus.FORBIDDEN;
    }
}
