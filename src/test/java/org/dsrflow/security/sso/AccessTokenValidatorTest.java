package org.dsrflow.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Only access tokens pass as bearer tokens, for the providers the README configures: the claims below are
 * those Keycloak, Microsoft Entra ID (v2.0 tokens) and Spring Authorization Server put into their ID and
 * access tokens (the end-to-end check against a real provider is in SingleSignOnApiTest).
 */
class AccessTokenValidatorTest {

    private final AccessTokenValidator validator = new AccessTokenValidator();

    @Test
    void keycloakIdAndRefreshTokensAreRefusedItsAccessTokensPass() {
        Map<String, Object> common = Map.of("sub", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "azp", "dsr-flow",
                "sid", "0f3c", "auth_time", 1_700_000_000L, "preferred_username", "pia");
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("typ", "Bearer", "scope", "openid profile",
                "nonce", "n-0S6"))))
                .as("an access token (older Keycloak versions copy the nonce into it)").isTrue();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("typ", "ID", "at_hash", "x1", "nonce", "n-0S6"))))
                .as("an ID token").isFalse();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("typ", "ID")))).as("an ID token without nonce").isFalse();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("typ", "Refresh", "scope", "openid")))).isFalse();
    }

    @Test
    void entraIdTokensAreRefusedItsUserAndAppAccessTokensPass() {
        Map<String, Object> common = Map.of("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ", "oid", "00000000-0000-0000-66f3-3332eca7ea81",
                "tid", "9122040d-6c67-4c5b-b112-36a304b66dad", "ver", "2.0", "aio", "Df2UVXL1ix", "uti", "fqiBqXLPj0eQa82S-IYFAA");
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("scp", "access_as_user", "azp", "6cb04018")))).isTrue();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("roles", List.of("Reports.Read"), "idtyp", "app"))))
                .as("an app-only token").isTrue();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("nonce", "n-0S6", "name", "Pia Example"))))
                .as("the ID token of a sign-in").isFalse();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("nonce", "n-0S6", "roles", List.of("Reports.Read")))))
                .as("the ID token of a sign-in, with app roles").isFalse();
        assertThat(passes(Map.of("typ", "JWT"), with(common, Map.of("name", "Pia Example")))).as("an ID token without nonce").isFalse();
    }

    @Test
    void springAuthorizationServerIdTokensAreRefusedItsAccessTokensPass() {
        Map<String, Object> common = Map.of("sub", "pia", "jti", "5f0e");
        assertThat(passes(Map.of(), with(common, Map.of("scope", List.of("openid"))))).isTrue();
        assertThat(passes(Map.of(), with(common, Map.of("azp", "dsr-flow", "auth_time", 1_700_000_000L, "sid", "0f3c"))))
                .as("an ID token without nonce").isFalse();
        assertThat(passes(Map.of(), with(common, Map.of("azp", "dsr-flow", "nonce", "n-0S6")))).isFalse();
    }

    @Test
    void theHeaderTypAtJwtMarksAnAccessTokenAndOtherTypesAreRefused() {
        assertThat(passes(Map.of("typ", "at+jwt"), Map.of("sub", "pia"))).isTrue();
        assertThat(passes(Map.of("typ", "application/at+jwt"), Map.of("sub", "pia"))).isTrue();
        assertThat(passes(Map.of("typ", "at+jwt"), Map.of("sub", "pia", "typ", "ID"))).isFalse();
        assertThat(passes(Map.of("typ", "logout+jwt"), Map.of("sub", "pia", "scope", "openid"))).isFalse();
    }

    private boolean passes(Map<String, Object> headers, Map<String, Object> claims) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).claims(all -> all.putAll(claims));
        headers.forEach(token::header);
        return !validator.validate(token.build()).hasErrors();
    }

    private static Map<String, Object> with(Map<String, Object> common, Map<String, Object> specific) {
        Map<String, Object> claims = new java.util.HashMap<>(common);
        claims.putAll(specific);
        return claims;
    }
}
