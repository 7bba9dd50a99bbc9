package org.dsrflow.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    String issuer() {
        return registration.getProviderDetails().getIssuerUri();
    }

    /** The claim whose value is the Camunda user id: the provider's {@code user-name-attribute} (default {@code sub}). */
    String userClaim() {
        String attribute = registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName();
        return attribute == null || attribute.isBlank() ? IdTokenClaimNames.SUB : attribute;
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
