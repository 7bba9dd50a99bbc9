package org.dsrflow.security.sso;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.dsrflow.config.DsrProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.ClientsConfiguredCondition;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Single sign-on through an OpenID Connect provider: on when a client registration is configured
 * ({@code spring.security.oauth2.client.registration.<id>.*}), off otherwise (local Camunda users, as
 * before). Spring Security's OAuth2 client signs staff in and Camunda's container-based webapp
 * authentication takes them from there; bearer tokens of the same provider replace HTTP basic on the
 * REST API, the staff API and the metrics (access tokens only). Either way the engine's current
 * authentication is the signed-in person under their provider identity's id (from {@code sub}, never a local
 * user's id) with the dsr-flow groups mapped from the token's group claim ({@link SsoSettings}), re-read
 * whenever the web session's token is renewed, so Camunda's authorizations and the task work guard decide
 * as for a local user.
 * <p>
 * Chains: the APIs (bearer tokens, stateless) first, then the webapps, the staff pages and the sign-in
 * and log-out addresses (web session); the requester pages' chain is unchanged, and every other path is
 * matched by none, as without single sign-on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(ClientsConfiguredCondition.class)
class SsoSecurityConfig {

    static final String[] API_PATHS = {"/engine-rest/**", "/api/staff/**", "/actuator/prometheus"};
    /** Paths matched as they are, whichever servlet serves them (the REST API and the webapps are not Spring MVC). */
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    SsoSettings ssoSettings(SsoProperties sso, OAuth2ClientProperties clients, ClientRegistrationRepository registrations,
                            DsrProperties dsr) {
        if (clients.getRegistration().size() != 1) {
            throw new SsoSettingsException("dsr-flow signs staff in through one OpenID provider; "
                    + "spring.security.oauth2.client.registration names " + clients.getRegistration().keySet() + ".");
        }
        String id = clients.getRegistration().keySet().iterator().next();
        return new SsoSettings(sso, registrations.findByRegistrationId(id), dsr.organisation().departments().keySet());
    }

    /** At sign-in and at each renewal: the dsr-flow groups mapped from the ID token's (and user info's) group claim, and nothing else. */
    @Bean
    GrantedAuthoritiesMapper ssoGroupMapper(SsoSettings settings) {
        return authorities -> {
            Set<GrantedAuthority> groups = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OAuth2UserAuthority user) {
                    groups.addAll(authorities(settings.groupsIn(user.getAttributes())));
                }
            }
            return groups;
        };
    }

    /** The engine knows the signed-in user and their mapped groups ({@link SignedInIdentityProvider}). */
    @Bean
    AbstractProcessEnginePlugin signedInIdentityPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(SignedInIdentityProvider.class));
            }
        };
    }

    /** Camunda's webapp session from the sign-in, after Spring Security's filters. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSignIn(CamundaBpmProperties camunda) {
        String webapp = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("dsr-webapp-sso-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SignInAuthenticationProvider.class.getName());
        registration.addUrlPatterns(webapp + "/app/*", webapp + "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /**
     * The sign-in's tokens live in its web session, not per user name in memory (Spring Boot's default): each
     * session renews its own and reads its own groups ({@link SignInRefreshFilter}), a second sign-in of the
     * same person elsewhere shares nothing with it, and the tokens go with the session.
     */
    @Bean
    OAuth2AuthorizedClientRepository ssoAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * Bearer tokens: access tokens only ({@link AccessTokenValidator}) of the registration's issuer, signed
     * with its published keys, issued for this application.
     */
    @Bean
    JwtDecoder ssoAccessTokens(SsoSettings settings) {
        // The token type is AccessTokenValidator's to check: Nimbus's own check refuses RFC 9068's at+jwt.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.registration().getProviderDetails().getJwkSetUri())
                .validateType(false).build();
        List<String> audiences = settings.audiences();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(settings.issuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new AccessTokenValidator()));
        return decoder;
    }

    @Bean
    @Order(1)
    SecurityFilterChain ssoApi(HttpSecurity http, SsoSettings settings, JwtDecoder ssoAccessTokens) throws Exception {
        http.securityMatcher(new OrRequestMatcher(matchers(API_PATHS)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(ssoAccessTokens)
                        .jwtAuthenticationConverter(token -> authentication(settings, token))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A browser never sends a bearer token on its own: there is no cross-site request to guard against.
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * The webapps and the staff pages need a signed-in user: a page sends the browser to the provider, a
     * webapp's background request gets 401 (the webapp then asks to log in, and its dsr-sso script loads the
     * page again). The webapps' own password log-in is closed. "Log out" (/logout) ends the session and, by
     * RP-initiated logout without the ID token ({@link ProviderLogout}), the provider's; like Camunda's own
     * integration it is a link (GET), taken only from this origin ({@link SameSiteLogout}): another site's
     * link gets a page whose button logs out (POST, with Spring Security's CSRF token).
     */
    @Bean
    @Order(2)
    SecurityFilterChain ssoWebapps(HttpSecurity http, SsoSettings settings, CamundaBpmProperties camunda,
                                   OAuth2AuthorizedClientRepository ssoAuthorizedClients, GrantedAuthoritiesMapper ssoGroupMapper,
                                   JwtDecoder ssoAccessTokens, Clock clock) throws Exception {
        String webapp = camunda.getWebapp().getApplicationPath();
        OAuth2UserService<OidcUserRequest, OidcUser> users = ProviderIdentity.service(settings);
        http.securityMatcher(new OrRequestMatcher(matchers(webapp + "/**", "/staff/**", "/oauth2/**", "/login/**", "/login",
                        SameSiteLogout.PATH)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, webapp + "/api/admin/auth/user/*/login/*")).denyAll()
                        .requestMatchers(matchers(webapp + "/app/**", webapp + "/api/**", "/staff/**")).authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(login -> login.defaultSuccessUrl(webapp + "/app/").authorizedClientRepository(ssoAuthorizedClients)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users).userAuthoritiesMapper(ssoGroupMapper)))
                .addFilterBefore(new SignInRefreshFilter(settings, ssoAuthorizedClients, users, ssoGroupMapper, ssoAccessTokens, clock),
                        AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                        entryPoint(PATHS.matcher(webapp + "/api/**"), settings)))
                .addFilterBefore(new SameSiteLogout(), LogoutFilter.class)
                .logout(logout -> logout.logoutRequestMatcher(SameSiteLogout.logOut())
                        .logoutSuccessHandler(new ProviderLogout(settings.registration(), settings.postLogoutRedirectUri())))
                // The webapps guard their API with Camunda's own CSRF token; Spring Security's guards the log-out form.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(PATHS.matcher(HttpMethod.POST, SameSiteLogout.PATH)))
                .anonymous(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable);
        return http.build();
    }

    private static RequestMatcher[] matchers(String... patterns) {
        return java.util.Arrays.stream(patterns).map(PATHS::matcher).toArray(RequestMatcher[]::new);
    }

    private static AuthenticationEntryPoint entryPoint(RequestMatcher webappApi, SsoSettings settings) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(webappApi, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(
                "/oauth2/authorization/" + settings.registration().getRegistrationId()));
        return entryPoint;
    }

    /** The token's person under their engine user id (from sub, never a name claim) with the mapped groups. */
    private static JwtAuthenticationToken authentication(SsoSettings settings, Jwt token) {
        String user;
        try {
            user = settings.userIdOf(token.getClaims());
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
        return new JwtAuthenticationToken(token, authorities(settings.groupsIn(token.getClaims())), user);
    }

    private static List<GrantedAuthority> authorities(Set<String> groups) {
        return groups.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }
}
