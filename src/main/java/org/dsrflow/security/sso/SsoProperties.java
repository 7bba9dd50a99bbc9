package org.dsrflow.security.sso;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on settings of dsr-flow ({@code dsr.sso.*}); sign-on itself is switched on by an OIDC
 * client registration ({@code spring.security.oauth2.client.registration.*}), see {@link SsoSettings}.
 *
 * @param groupClaim the token claim (ID and access token) that lists the user's groups at the provider
 * @param groups     provider group (name or id, as the claim carries it) to dsr-flow groups; a provider
 *                   group that is not listed gives no access
 * @param audiences  the audiences a bearer token must be issued for; empty: the registration's client id
 * @param postLogoutRedirectUri where the provider sends the browser after "Log out" (RP-initiated logout)
 */
@ConfigurationProperties(prefix = "dsr.sso")
public record SsoProperties(String groupClaim, Map<String, List<String>> groups, List<String> audiences,
                            String postLogoutRedirectUri) {

    public SsoProperties {
        groupClaim = groupClaim == null || groupClaim.isBlank() ? "groups" : groupClaim.trim();
        postLogoutRedirectUri = postLogoutRedirectUri == null || postLogoutRedirectUri.isBlank()
                ? "{baseUrl}/camunda/app/" : postLogoutRedirectUri.trim();
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
