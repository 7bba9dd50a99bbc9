package org.dsrflow.security.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.HttpSessionMutexListener;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.client.RestClientException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a web session no longer, and with no more groups, than the provider vouches for. In the last
 * minute of the sign-in's access token (by the application's clock) it is renewed with the refresh token,
 * and the renewed tokens' groups replace the session's: Spring Security's sign-in and Camunda's webapp
 * session (groups and the webapps the user may open), so Tasklist, the webapps' API and the staff pages
 * see them at once. The groups come from the renewed ID token (checked like the sign-in's: signature,
 * issuer, audience, expiry, the same subject; user info where the provider has it), else from the
 * renewed access token checked as the APIs check a bearer token. The session ends instead when the
 * provider refuses to renew (the user signed out there, was disabled, the refresh token ended), gives
 * nothing verifiable to read the groups from, or no mapped group is left; the next page then sends the
 * user to sign in again (usually without a prompt while the provider's session lasts).
 */
final class SignInRefreshFilter extends OncePerRequestFilter {

    /** Renewed within its last minute, as Spring's own refresh does: a token never expires in the middle of a request. */
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final SsoSettings settings;
    private final OAuth2AuthorizedClientRepository clients;
    private final OAuth2UserService<OidcUserRequest, OidcUser> users;
    private final GrantedAuthoritiesMapper groups;
    private final JwtDecoder accessTokens;
    private final JwtDecoder idTokens;
    private final Clock clock;
    private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint =
            new RestClientRefreshTokenTokenResponseClient();
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInRefreshFilter(SsoSettings settings, OAuth2AuthorizedClientRepository clients, OAuth2UserService<OidcUserRequest, OidcUser> users,
                        GrantedAuthoritiesMapper groups, JwtDecoder accessTokens, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.users = users;
        this.groups = groups;
        this.accessTokens = accessTokens;
        this.idTokens = new OidcIdTokenDecoderFactory().createDecoder(settings.registration());
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken && session != null) {
            boolean valid;
            // One renewal per session at a time (Camunda's own lock for its webapp session): a parallel request
            // takes the renewed sign-in instead of spending the refresh token again.
            synchronized (mutex(session)) {
                valid = stillValid(request, response, session);
            }
            if (!valid) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        // The session's sign-in as it is now: another request may have renewed it while this one waited.
        SecurityContext stored = contexts.loadDeferredContext(request).get();
        if (!(stored.getAuthentication() instanceof OAuth2AuthenticationToken signedIn)) {
            return false;
        }
        SecurityContextHolder.setContext(stored);
        OAuth2AuthorizedClient client = clients.loadAuthorizedClient(signedIn.getAuthorizedClientRegistrationId(), signedIn, request);
        if (client == null) {
            return false;
        }
        Instant expires = client.getAccessToken().getExpiresAt();
        if (expires != null && clock.instant().isBefore(expires.minus(EARLY))) {
            return true;
        }
        if (client.getRefreshToken() == null) {
            return false;
        }
        ClientRegistration registration = client.getClientRegistration();
        try {
            OAuth2AccessTokenResponse tokens = tokenEndpoint.getTokenResponse(
                    new OAuth2RefreshTokenGrantRequest(registration, client.getAccessToken(), client.getRefreshToken()));
            OAuth2AuthenticationToken renewed = renewed(signedIn, registration, tokens);
            if (renewed == null || renewed.getAuthorities().isEmpty()) {
                return false;
            }
            clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, renewed.getName(), tokens.getAccessToken(),
                    tokens.getRefreshToken() != null ? tokens.getRefreshToken() : client.getRefreshToken()), renewed, request, response);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(renewed);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            renewWebappSession(session, renewed);
            return true;
        } catch (OAuth2AuthorizationException | OAuth2AuthenticationException | JwtException | IllegalArgumentException
                 | RestClientException e) {
            // Refused, unverifiable, or the provider unreachable: no session without its word.
            return false;
        }
    }

    /** The same person with the groups the renewed tokens give; null if nothing verifiable names them. */
    private OAuth2AuthenticationToken renewed(OAuth2AuthenticationToken signedIn, ClientRegistration registration,
                                              OAuth2AccessTokenResponse tokens) {
        Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (idToken instanceof String value) {
            Jwt jwt = idTokens.decode(value);
            OidcUser user = users.loadUser(new OidcUserRequest(registration, tokens.getAccessToken(),
                    new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()),
                    tokens.getAdditionalParameters()));
            // OpenID Connect Core 1.0, 12.2: the renewed ID token is about the same subject of the same issuer.
            return user.getName().equals(signedIn.getName())
                    ? new OAuth2AuthenticationToken(user, groups.mapAuthorities(user.getAuthorities()), registration.getRegistrationId())
                    : null;
        }
        OAuth2AccessToken accessToken = tokens.getAccessToken();
        Jwt jwt = accessTokens.decode(accessToken.getTokenValue());
        if (!settings.userIdOf(jwt.getClaims()).equals(signedIn.getName())) {
            return null;
        }
        List<GrantedAuthority> mapped = settings.groupsIn(jwt.getClaims()).stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        return new OAuth2AuthenticationToken(signedIn.getPrincipal(), mapped, registration.getRegistrationId());
    }

    /** Camunda's webapp session takes the new groups, and the webapps they open, in place (Camunda holds the same object). */
    private static void renewWebappSession(HttpSession session, OAuth2AuthenticationToken renewed) {
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        List<String> groupIds = renewed.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        for (UserAuthentication existing : authentications.getAuthentications()) {
            UserAuthentication updated = AuthenticationUtil.createAuthentication(existing.getProcessEngineName(),
                    existing.getIdentityId(), groupIds, List.of());
            if (updated == null) {
                authentications.removeByEngineName(existing.getProcessEngineName());
            } else {
                authentications.addOrReplace(updated);
            }
        }
    }

    private static Object mutex(HttpSession session) {
        Object mutex = session.getAttribute(HttpSessionMutexListener.AUTH_TIME_SESSION_MUTEX);
        return mutex != null ? mutex : session;
    }
}
