package org.dsrflow.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** Which provider groups are which dsr-flow groups, and the settings that stop the start. */
class SsoSettingsTest {

    private static final List<String> DEPARTMENTS = List.of("sales", "finance");

    @Test
    void onlyMappedProviderGroupsBecomeDsrFlowGroups() {
        SsoSettings settings = settings(Map.of("DSR Sales", List.of("sales"), "/dsr/admins", List.of("camunda-admin", "privacy")));
        assertThat(settings.groupsIn(Map.of("groups", List.of("DSR Sales", "Everyone", "/dsr/admins"))))
                .containsExactly("camunda-admin", "privacy", "sales");
        assertThat(settings.groupsIn(Map.of("groups", "DSR Sales"))).as("a claim with one group as a string").containsExactly("sales");
        assertThat(settings.groupsIn(Map.of("groups", List.of("dsr sales", "Sales")))).as("names match exactly").isEmpty();
        assertThat(settings.groupsIn(Map.of("roles", List.of("DSR Sales")))).as("another claim").isEmpty();
        assertThat(settings.audiences()).containsExactly("dsr-flow");
    }

    @Test
    void providerIdentitiesGetIdsFromTheirSubjectThatNoLocalIdCanHave() {
        SsoSettings settings = settings(Map.of("DSR Sales", List.of("sales")));
        assertThat(settings.userIdOf(Map.of("sub", "admin", "preferred_username", "admin"))).isEqualTo("sso-admin");
        assertThat(settings.userIdOf(Map.of("sub", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "preferred_username", "pia")))
                .as("never from a name claim").isEqualTo("sso-f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        for (String subject : List.of("auth0|5f7c8ec7c33c6c004bbafe82", "../admin", "x".repeat(200), "pia%2fadmin")) {
            assertThat(settings.userIdOf(Map.of("sub", subject))).as(subject)
                    .matches("sso_[A-Za-z0-9_-]{43}").isEqualTo(settings.userIdOf(Map.of("sub", subject)));
        }
        assertThat(settings.userIdOf(Map.of("sub", "auth0|1"))).isNotEqualTo(settings.userIdOf(Map.of("sub", "auth0|2")));
        assertThat(settings.userIdOf(Map.of("sub", "x".repeat(121)))).hasSize(125);
        for (String id : List.of("sso-admin", "sso_abc")) {
            assertThat(id).as("Camunda's default id pattern refuses it for a local account")
                    .doesNotMatch("[a-zA-Z0-9]+|camunda-admin");
            assertThat(SsoSettings.isProviderId(id)).isTrue();
        }
        assertThat(SsoSettings.isProviderId("admin")).isFalse();
        assertThatThrownBy(() -> settings.userIdOf(Map.of("preferred_username", "admin"))).hasMessageContaining("no sub claim");
    }

    @Test
    void aUserNameAttributeOtherThanSubStopsTheStart() {
        ClientRegistration byName = registration().userNameAttributeName("preferred_username").build();
        assertThatThrownBy(() -> new SsoSettings(properties(Map.of("x", List.of("sales"))), byName, DEPARTMENTS))
                .isInstanceOf(SsoSettingsException.class).hasMessageContaining("user-name-attribute");
        assertThat(new SsoSettings(properties(Map.of("x", List.of("sales"))), registration().userNameAttributeName("sub").build(),
                DEPARTMENTS).audiences()).containsExactly("dsr-flow");
    }

    @Test
    void aGroupClaimGivenAsOneStringIsOneGroupName() {
        SsoSettings settings = settings(Map.of("Sales", List.of("sales"), "privacy", List.of("privacy"),
                "Sales, privacy", List.of("sales")));
        // A provider group someone named "Sales, privacy" is that one group, not the privacy team.
        assertThat(settings.groupsIn(Map.of("groups", "Sales, privacy"))).containsExactly("sales");
        assertThat(settings.groupsIn(Map.of("groups", "Everyone,privacy"))).isEmpty();
        assertThat(settings.groupsIn(Map.of("groups", " privacy"))).as("names match exactly, spaces too").isEmpty();
    }

    @Test
    void aMappingToAGroupDsrFlowDoesNotHaveStopsTheStart() {
        assertThatThrownBy(() -> settings(Map.of("DSR Sales", List.of("sale"))))
                .isInstanceOf(SsoSettingsException.class).hasMessageContaining("'sale', which is not a dsr-flow group");
    }

    @Test
    void noMappingAtAllStopsTheStart() {
        assertThatThrownBy(() -> settings(Map.of())).isInstanceOf(SsoSettingsException.class)
                .hasMessageContaining("maps no provider group");
    }

    @Test
    void aRegistrationWithoutOpenIdOrIssuerStopsTheStart() {
        ClientRegistration noOpenId = registration().scope("profile").build();
        assertThatThrownBy(() -> new SsoSettings(properties(Map.of("x", List.of("sales"))), noOpenId, DEPARTMENTS))
                .hasMessageContaining("scope openid");
        ClientRegistration noIssuer = registration().issuerUri(null).build();
        assertThatThrownBy(() -> new SsoSettings(properties(Map.of("x", List.of("sales"))), noIssuer, DEPARTMENTS))
                .hasMessageContaining("issuer-uri");
    }

    private static SsoSettings settings(Map<String, List<String>> groups) {
        return new SsoSettings(properties(groups), registration().build(), DEPARTMENTS);
    }

    private static SsoProperties properties(Map<String, List<String>> groups) {
        return new SsoProperties(null, groups, null, null);
    }

    private static ClientRegistration.Builder registration() {
        return ClientRegistration.withRegistrationId("dsr").clientId("dsr-flow").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile")
                .authorizationUri("https://login.example.org/authorize").tokenUri("https://login.example.org/token")
                .jwkSetUri("https://login.example.org/keys").issuerUri("https://login.example.org");
    }
}
