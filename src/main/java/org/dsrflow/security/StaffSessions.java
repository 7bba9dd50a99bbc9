package org.dsrflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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

    /** Null when the caller is the privacy team (or an administrator); else 401 without a session, 403 for others. */
    public static HttpStatus privacyTeamRefusal(HttpServletRequest request) {
        var session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        List<String> groups;
        if (authentications != null && authentications.getAuthenticationForProcessEngine("default")
                instanceof UserAuthentication user) {
            groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        } else if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken signedIn) {
            groups = signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        } else {
            return HttpStatus.UNAUTHORIZED;
        }
        boolean allowed = groups.contains(StaffGroups.PRIVACY) || groups.contains(Groups.CAMUNDA_ADMIN);
        return allowed ? null : HttpStatus.FORBIDDEN;
    }
}
