package org.dsrflow.security.sso;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Someone signed in through the OpenID provider, named by their engine user id ({@link SsoSettings#userIdOf}):
 * {@code getName()}, and so the sign-in's name everywhere (Camunda's webapp session, the engine's
 * authentication, task assignees), is that id, never a name claim of the token.
 */
final class ProviderIdentity extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String userId;

    private ProviderIdentity(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                             String userId) {
        super(authorities, idToken, userInfo, "sub");
        this.userId = userId;
    }

    @Override
    public String getName() {
        return userId;
    }

    /** Spring Security's OIDC user service (ID token, user info), answering a {@link ProviderIdentity}. */
    static OAuth2UserService<OidcUserRequest, OidcUser> service(SsoSettings settings) {
        OidcUserService oidc = new OidcUserService();
        return request -> {
            OidcUser user = oidc.loadUser(request);
            return new ProviderIdentity(user.getAuthorities(), user.getIdToken(), user.getUserInfo(),
                    settings.userIdOf(user.getIdToken().getClaims()));
        };
    }
}
