package org.dsrflow.security.sso;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The Camunda webapps' "container-based" authentication with single sign-on: the user who signed in
 * through the OpenID provider in this web session, with the dsr-flow groups mapped from their token.
 * Camunda's {@code ContainerBasedAuthenticationFilter} makes the webapp session from it. Instantiated by
 * Camunda by name.
 */
public class SignInAuthenticationProvider extends ContainerBasedAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken token)
                || !token.isAuthenticated() || token.getName() == null || token.getName().isBlank()) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(token.getName());
        result.setGroups(token.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
        result.setTenants(List.of());
        return result;
    }
}
