package org.dsrflow.security.sso;

import org.dsrflow.security.StaffGroups;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * Single sign-on as configured and checked at start-up: the one OIDC client registration, the claim
 * that carries the user's groups at the provider, and which provider groups are which dsr-flow groups.
 * A provider group without a mapping gives no access; a mapping to a group dsr-flow does not have, or
 * no mapping at all (nobody could work), stops the start.
 */
public final class SsoSettings {

    /** The start of a provider identity's engine user id, which no local Camunda id has. */
    static final String PROVIDER_ID = "sso-";
    /** The start of the id of a provider identity whose subject is hashed. */
    static final String HASHED_PROVIDER_ID = "sso_";
    private static final Pattern PLAIN_SUBJECT = Pattern.compile("[A-Za-z0-9_-]{1,121}");

    private final ClientRegistration registration;
    private final String groupClaim;
    private final Map<String, Set<String>> groups;
    private final List<String> audiences;
    private final String postLogoutRedirectUri;

    SsoSettings(SsoProperties properties, ClientRegistration registration, Collection<String> departments) {
        this.registration = registration;
        this.groupClaim = properties.groupClaim();
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(registration.getAuthorizationGrantType())
                || !registration.getScopes().contains(OidcScopes.OPENID)) {
            throw new SsoSettingsException("The client registration '" + registration.getRegistrationId()
                    + "' must use the authorization_code grant with the scope openid (OpenID Connect).");
        }
        if (registration.getProviderDetails().getIssuerUri() == null || registration.getProviderDetails().getJwkSetUri() == null) {
            throw new SsoSettingsException("Set spring.security.oauth2.client.provider." + registration.getRegistrationId()
                    + ".issuer-uri: bearer tokens are accepted from that issuer only, checked with its published keys.");
        }
        String userName = registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName();
        if (userName != null && !userName.isBlank() && !IdTokenClaimNames.SUB.equals(userName)) {
            throw new SsoSettingsException("Remove spring.security.oauth2.client.provider." + registration.getRegistrationId()
                    + ".user-name-attribute (it is '" + userName + "'): dsr-flow's user ids come from the provider's sub "
                    + "claim, which is never reassigned; a name claim can pass to another person.");
        }
        Set<String> known = new TreeSet<>(departments);
        known.addAll(List.of(StaffGroups.PRIVACY, StaffGroups.MANAGERS, Groups.CAMUNDA_ADMIN));
        Map<String, Set<String>> mapped = new TreeMap<>();
        properties.groups().forEach((providerGroup, targets) -> {
            Set<String> to = new TreeSet<>();
            for (String target : targets == null ? List.<String>of() : targets) {
                String group = target.trim();
                if (!known.contains(group)) {
                    throw new SsoSettingsException("dsr.sso.groups maps a provider group to '" + group
                            + "', which is not a dsr-flow group. Known groups: " + String.join(", ", known) + ".");
                }
                to.add(group);
            }
            mapped.put(providerGroup, Set.copyOf(to));
        });
        if (mapped.values().stream().allMatch(Set::isEmpty)) {
            throw new SsoSettingsException("Single sign-on is on, but dsr.sso.groups maps no provider group to a "
                    + "dsr-flow group: nobody could work. Map e.g. the privacy team's group to privacy.");
        }
        this.groups = Map.copyOf(mapped);
        this.audiences = properties.audiences().isEmpty() ? List.of(registration.getClientId()) : properties.audiences();
        this.postLogoutRedirectUri = properties.postLogoutRedirectUri();
    }

    String postLogoutRedirectUri() {
        return postLogoutRedirectUri;
    }

    ClientRegistration registration() {
        return registration;
    }

    public String issuer() {
        return registration.getProviderDetails().getIssuerUri();
    }

    /**
     * The engine user id of the person a token of the provider (ID token, user info or access token) is
     * about. It comes from {@code sub}, which the issuer never gives to anyone else (OpenID Connect Core 1.0,
     * sections 2 and 5.7: issuer and subject together identify the person), never from a claim that can
     * change hands ({@code preferred_username}, {@code email}, {@code upn}); the issuer is the one
     * registration's, checked on every token, so it need not be part of the id. The id starts with
     * {@link #PROVIDER_ID}, which no local Camunda id can: local ids match {@code [a-zA-Z0-9]+} (Camunda's
     * generalResourceWhitelistPattern), and {@link SignedInIdentityProvider} refuses to save one that starts
     * like this whatever the pattern. A subject of letters, digits, {@code -} and {@code _} (Keycloak's UUIDs,
     * Entra ID's pairwise ids) is kept readable; any other (e.g. Auth0's {@code auth0|...}, or one with a
     * {@code /} or {@code %}, which web/RequestPathFilter refuses in a REST path such as
     * {@code /engine-rest/user/{id}/profile}) or a longer one becomes its SHA-256, with a prefix of its own
     * so the two never meet.
     * At most 125 characters: dsr-flow's tables keep user ids in 128.
     */
    String userIdOf(Map<String, Object> claims) {
        Object subject = claims.get(IdTokenClaimNames.SUB);
        if (!(subject instanceof String sub) || sub.isBlank()) {
            throw new IllegalArgumentException("The token has no sub claim (the user's id at the provider).");
        }
        if (PLAIN_SUBJECT.matcher(sub).matches()) {
            return PROVIDER_ID + sub;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sub.getBytes(StandardCharsets.UTF_8));
            return HASHED_PROVIDER_ID + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an engine user id is a provider identity's ({@link #userIdOf}), which no local account may have. */
    static boolean isProviderId(String userId) {
        return userId != null && (userId.startsWith(PROVIDER_ID) || userId.startsWith(HASHED_PROVIDER_ID));
    }

    List<String> audiences() {
        return audiences;
    }

    /**
     * The dsr-flow groups of a user whose token (or ID token and user info) carries these claims. A claim
     * given as one string is one group name, never split: a provider group someone named "Sales, privacy"
     * must not become the privacy team. Names match exactly, spaces included.
     */
    Set<String> groupsIn(Map<String, Object> claims) {
        Object value = claims.get(groupClaim);
        Collection<?> names = value instanceof Collection<?> list ? list : value instanceof String name ? List.of(name) : List.of();
        Set<String> result = new LinkedHashSet<>();
        for (Object name : names) {
            Set<String> to = name instanceof String text ? groups.get(text) : null;
            if (to != null) {
                result.addAll(to);
            }
        }
        return new TreeSet<>(result);
    }
}
