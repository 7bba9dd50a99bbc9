package org.dsrflow.security.sso;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The engine's identity provider with single sign-on: Camunda's database provider, except that the
 * user signed in through the OpenID provider on the current request (web session or bearer token) is
 * known, with the dsr-flow groups mapped from their token, although they have no account in the
 * database. Camunda's webapps look the user and their groups up this way when they create (and every few
 * minutes renew) the webapp session. Groups themselves (names, types, authorizations) stay in the
 * database, where setup/IdentitySetup keeps them; everything else, e.g. the local accounts in Admin, is the
 * database's. A signed-in user never passes a local password check. Their id is their provider identity's
 * ({@link SsoSettings#userIdOf}), which no local account can have: a provider user named like a local
 * one gets none of its user-level authorizations or tasks.
 */
public class SignedInIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public UserEntity findUserById(String userId) {
        SignedIn signedIn = SignedIn.current();
        return signedIn != null && signedIn.id().equals(userId) ? signedIn.user() : super.findUserById(userId);
    }

    @Override
    public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
        SignedIn signedIn = SignedIn.current();
        if (signedIn != null && signedIn.id().equals(query.getId())) {
            return List.of(signedIn.user());
        }
        return super.findUserByQueryCriteria(query);
    }

    @Override
    public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
        SignedIn signedIn = SignedIn.current();
        if (signedIn != null && signedIn.id().equals(query.getId())) {
            return 1;
        }
        return super.findUserCountByQueryCriteria(query);
    }

    @Override
    public List<Group> findGroupByQueryCriteria(DbGroupQueryImpl query) {
        SignedIn signedIn = SignedIn.current();
        if (signedIn != null && signedIn.id().equals(query.getUserId())) {
            return groupsOf(signedIn, query);
        }
        return super.findGroupByQueryCriteria(query);
    }

    @Override
    public long findGroupCountByQueryCriteria(DbGroupQueryImpl query) {
        SignedIn signedIn = SignedIn.current();
        if (signedIn != null && signedIn.id().equals(query.getUserId())) {
            return groupsOf(signedIn, query).size();
        }
        return super.findGroupCountByQueryCriteria(query);
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return SignedIn.current() == null && super.checkPassword(userId, password);
    }

    /** A local account never gets a provider identity's id, whatever Camunda's id pattern allows: it would become that person. */
    @Override
    public IdentityOperationResult saveUser(User user) {
        if (SsoSettings.isProviderId(user.getId())) {
            throw new IdentityProviderException("User ids starting with " + SsoSettings.PROVIDER_ID + " or "
                    + SsoSettings.HASHED_PROVIDER_ID + " belong to people signed in through the OpenID provider.");
        }
        return super.saveUser(user);
    }

    /** The signed-in user's groups that the query asks for; one's own memberships need no READ permission on groups. */
    private List<Group> groupsOf(SignedIn signedIn, DbGroupQueryImpl query) {
        List<Group> groups = new ArrayList<>();
        for (String id : signedIn.groups()) {
            if ((query.getId() != null && !query.getId().equals(id))
                    || (query.getIds() != null && !Arrays.asList(query.getIds()).contains(id))) {
                continue;
            }
            GroupEntity group = getDbEntityManager().selectById(GroupEntity.class, id);
            if (group == null) {
                group = new GroupEntity(id);
                group.setName(id);
            }
            if (query.getType() == null || query.getType().equals(group.getType())) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** Who signed in through the provider on this request, and their mapped groups; null for anyone else. */
    private record SignedIn(String id, UserEntity user, List<String> groups) {

        static SignedIn current() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (!(authentication instanceof OAuth2AuthenticationToken || authentication instanceof JwtAuthenticationToken)
                    || !authentication.isAuthenticated() || authentication.getName() == null) {
                return null;
            }
            UserEntity user = new UserEntity(authentication.getName());
            // Shown by the webapps as "first last", from the token's name claims (the id is the sub's, never a name);
            // the id stands in where the token carries no names.
            Map<String, Object> claims = authentication.getPrincipal() instanceof OidcUser oidc ? oidc.getClaims()
                    : authentication.getPrincipal() instanceof Jwt jwt ? jwt.getClaims() : Map.of();
            String given = text(claims, StandardClaimNames.GIVEN_NAME);
            String name = text(claims, StandardClaimNames.NAME);
            user.setFirstName(given != null ? given : name != null ? name : authentication.getName());
            String family = given == null ? null : text(claims, StandardClaimNames.FAMILY_NAME);
            user.setLastName(family == null ? "" : family);
            user.setEmail(text(claims, StandardClaimNames.EMAIL));
            List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
            return new SignedIn(authentication.getName(), user, groups);
        }

        private static String text(Map<String, Object> claims, String name) {
            return claims.get(name) instanceof String value && !value.isBlank() ? value : null;
        }
    }
}
