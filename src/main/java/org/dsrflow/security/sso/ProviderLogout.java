package org.dsrflow.security.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * After log-out here, the provider's session ends too: the browser goes to the provider's
 * end_session_endpoint with {@code client_id} and {@code post_logout_redirect_uri} (OpenID Connect
 * RP-Initiated Logout 1.0, section 2, allows client_id instead of id_token_hint). Never with the ID token,
 * as Spring's OidcClientInitiatedLogoutSuccessHandler sends it: in an address it stays in the browser's
 * history and in the provider's and any proxy's access logs. Without the hint, some providers ask the user
 * to confirm (Keycloak) or to pick the account (Entra ID). A provider without an end_session_endpoint, or
 * a session that was not a sign-in: the application's start page.
 */
final class ProviderLogout extends SimpleUrlLogoutSuccessHandler {

    private final ClientRegistration registration;
    private final String postLogoutRedirectUri;

    ProviderLogout(ClientRegistration registration, String postLogoutRedirectUri) {
        this.registration = registration;
        this.postLogoutRedirectUri = postLogoutRedirectUri;
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (!(authentication instanceof OAuth2AuthenticationToken) || endSession == null) {
            return super.determineTargetUrl(request, response, authentication);
        }
        return UriComponentsBuilder.fromUriString(endSession.toString())
                .queryParam("client_id", registration.getClientId())
                .queryParam("post_logout_redirect_uri", returnAddress(request))
                .encode(StandardCharsets.UTF_8).build().toUriString();
    }

    /** dsr.sso.post-logout-redirect-uri with {baseUrl} (and {baseScheme}, {baseHost}, {basePort}, {basePath}) filled in. */
    private String returnAddress(HttpServletRequest request) {
        UriComponents base = UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                .replacePath(request.getContextPath()).replaceQuery(null).fragment(null).build();
        return UriComponentsBuilder.fromUriString(postLogoutRedirectUri).buildAndExpand(Map.of(
                "baseUrl", base.toUriString(),
                "baseScheme", base.getScheme() == null ? "" : base.getScheme(),
                "baseHost", base.getHost() == null ? "" : base.getHost(),
                "basePort", base.getPort() == -1 ? "" : ":" + base.getPort(),
                "basePath", base.getPath() == null ? "" : base.getPath(),
                "registrationId", registration.getRegistrationId())).toUriString();
    }
}
