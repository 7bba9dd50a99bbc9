package org.dsrflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a web session no longer than the provider vouches for it: when the sign-in's access token has
 * expired it is renewed with the refresh token; if the provider refuses (the user signed out there, was
 * disabled, or the refresh token ended) or there is none, the session here ends too, and the next
 * page sends the user to sign in again (usually without a prompt while the provider's session lasts).
 */
final class SignInRefreshFilter extends OncePerRequestFilter {

    private final OAuth2AuthorizedClientManager clients;
    private final Clock clock;

    SignInRefreshFilter(OAuth2AuthorizedClientManager clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken signedIn
                && !stillValid(signedIn, request, response)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(OAuth2AuthenticationToken signedIn, HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest.withClientRegistrationId(signedIn.getAuthorizedClientRegistrationId())
                .principal(signedIn)
                .attributes(attributes -> {
                    attributes.put(HttpServletRequest.class.getName(), request);
                    attributes.put(HttpServletResponse.class.getName(), response);
                })
                .build();
        try {
            OAuth2AuthorizedClient client = clients.authorize(authorize);
            Instant expires = client == null ? null : client.getAccessToken().getExpiresAt();
            return expires != null && clock.instant().isBefore(expires);
        } catch (OAuth2AuthorizationException e) {
            return false;
        }
    }
}
