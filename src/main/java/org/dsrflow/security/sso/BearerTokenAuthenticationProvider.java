package org.dsrflow.security.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * With single sign-on, Camunda's {@code ProcessEngineAuthenticationFilter} takes the user from the
 * bearer token that Spring Security's resource server has already checked (signature, issuer,
 * audience, expiry): the user id and the dsr-flow groups mapped from the token's group claim. The
 * engine's current authentication is then exactly that user and those groups, so Camunda's
 * authorizations and the task work guard apply as for a local user. Instantiated by Camunda by name.
 */
public class BearerTokenAuthenticationProvider implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()
                || token.getName() == null || token.getName().isBlank()) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(token.getName());
        result.setGroups(token.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
        result.setTenants(List.of());
        return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        response.setHeader("WWW-Authenticate", "Bearer");
    }
}
