package org.dsrflow.security.sso;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A bearer token must be an access token. An ID token of the same provider passes every other check
 * (signature, issuer, expiry, and its audience is dsr-flow's client id, which is also an accepted
 * audience), but it only says who signed in at the client, and it travels further than an access token
 * (the browser, a log-out address, logs). Checked, in this order:
 * <ol>
 * <li>a JOSE header {@code typ} other than {@code JWT} or {@code at+jwt} (e.g. {@code logout+jwt}): refused;</li>
 * <li>a {@code typ} claim (Keycloak marks every token: {@code Bearer}, {@code ID}, {@code Refresh}): only
 * {@code Bearer} passes, and decides;</li>
 * <li>the header {@code typ: at+jwt} (RFC 9068, which ID tokens never carry): passes;</li>
 * <li>claims only ID tokens carry ({@code nonce}, {@code at_hash}, {@code c_hash}, {@code s_hash}, or
 * {@code auth_time} together with {@code sid}, as Spring Authorization Server's): refused;</li>
 * <li>no {@code scope}, {@code scp} or {@code roles} claim (every access token of Spring Authorization
 * Server, Keycloak and Entra ID carries one; their ID tokens carry none, except Entra's {@code roles}
 * for app roles, and those still carry the sign-in's nonce): refused.</li>
 * </ol>
 */
final class AccessTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final Set<String> AT_JWT = Set.of("at+jwt", "application/at+jwt");
    private static final Set<String> PLAIN_JWT = Set.of("jwt", "application/jwt");
    private static final List<String> ID_TOKEN_ONLY = List.of("nonce", "at_hash", "c_hash", "s_hash");
    private static final List<String> GRANTED = List.of("scope", "scp", "roles");

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object header = token.getHeaders().get("typ");
        String type = header == null ? null : header.toString().toLowerCase(Locale.ROOT);
        if (type != null && !AT_JWT.contains(type) && !PLAIN_JWT.contains(type)) {
            return refused("its type is " + type);
        }
        Object keycloakType = token.getClaims().get("typ");
        if (keycloakType != null) {
            return "Bearer".equalsIgnoreCase(keycloakType.toString()) ? OAuth2TokenValidatorResult.success()
                    : refused("its typ claim is " + keycloakType);
        }
        if (type != null && AT_JWT.contains(type)) {
            return OAuth2TokenValidatorResult.success();
        }
        for (String claim : ID_TOKEN_ONLY) {
            if (token.hasClaim(claim)) {
                return refused("it carries " + claim + ", an ID token's claim");
            }
        }
        if (token.hasClaim("auth_time") && token.hasClaim("sid")) {
            return refused("it carries auth_time and sid, an ID token's claims");
        }
        if (GRANTED.stream().noneMatch(token::hasClaim)) {
            return refused("it carries no scope, scp or roles claim");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "Not an access token (" + why + "): an ID token is not accepted as a bearer token.", null));
    }
}
