package org.dsrflow.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server in its own small
 * Spring context on a random port (issuer {@code http://localhost:<port>}), with its sign-in form,
 * users the test adds and whose groups it changes at any time, and those groups in a {@code groups}
 * claim of each ID and access token issued from then on. Two clients: dsr-flow's own and another
 * application's (a token for that one is not for dsr-flow). The application under test is opened at
 * 127.0.0.1 (the provider refuses "localhost" redirects, and the two never share cookies).
 * <p>
 * Tokens carry what Keycloak's do besides: {@code preferred_username} (the user name, here also the
 * {@code sub}) in ID and access tokens, {@code given_name}/{@code family_name} in ID tokens. RP-initiated
 * logout also takes {@code client_id} instead of {@code id_token_hint} (OpenID Connect RP-Initiated
 * Logout 1.0, section 2, as Keycloak and Entra ID do; Spring Authorization Server itself insists on the
 * ID token), and every logout request is recorded for the tests to read.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String REGISTRATION = "dsr";
    public static final String CLIENT_ID = "dsr-flow";
    public static final String OTHER_CLIENT_ID = "other-app";
    public static final String CLIENT_SECRET = "test-client-secret-1";
    private static final String OTHER_CLIENT_SECRET = "other-client-secret-1";
    public static final String PASSWORD = "idp-password-1";
    private static final String OTHER_REDIRECT = "http://127.0.0.1:9/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final ConfigurableApplicationContext context;
    private final int port;

    private TestIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static TestIdentityProvider start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "spring.main.banner-mode=off", "spring.config.name=dsr-test-identity-provider",
                        // its own session cookie: a browser shares cookies between ports of one host
                        "server.servlet.session.cookie.name=IDP_SESSION", "logging.level.org.springframework.security=WARN")
                .run();
        return new TestIdentityProvider(context);
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    /** The application's settings that switch single sign-on on against this provider. */
    public Map<String, String> applicationSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        String registration = "spring.security.oauth2.client.registration." + REGISTRATION + ".";
        settings.put(registration + "client-id", CLIENT_ID);
        settings.put(registration + "client-secret", CLIENT_SECRET);
        settings.put(registration + "authorization-grant-type", "authorization_code");
        settings.put(registration + "scope", "openid");
        settings.put("spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri", issuer());
        return settings;
    }

    /** A user with this name, {@link #PASSWORD} and these groups at the provider. */
    public void addUser(String name, String... groups) {
        context.getBean(InMemoryUserDetailsManager.class).createUser(User.withUsername(name).password("{noop}" + PASSWORD)
                .roles("USER").build());
        setGroups(name, groups);
    }

    /** The user's groups at the provider, in every token issued from now on. */
    public void setGroups(String name, String... groups) {
        directory().put(name, List.of(groups));
    }

    /** Lets dsr-flow's client come back to the application at {@code base} after sign-in and after log-out. */
    public void allowApplicationAt(String base) {
        InMemoryRegisteredClientRepository clients = context.getBean(InMemoryRegisteredClientRepository.class);
        RegisteredClient client = clients.findByClientId(CLIENT_ID);
        clients.save(RegisteredClient.from(client)
                .redirectUris(uris -> {
                    uris.clear();
                    uris.add(base + "/login/oauth2/code/" + REGISTRATION);
                })
                .postLogoutRedirectUris(uris -> {
                    uris.clear();
                    uris.add(base + "/camunda/app/");
                })
                .build());
    }

    /** An access token of dsr-flow's client for this user, through the sign-in form and the authorization code grant. */
    public String accessToken(String user) {
        return accessToken(user, CLIENT_ID);
    }

    /** An access token that {@code clientId} obtained for this user. */
    public String accessToken(String user, String clientId) {
        return tokens(user, clientId, null).path("access_token").asText();
    }

    /**
     * The ID token dsr-flow's client gets when this user signs in, as Spring Security's sign-in asks for it
     * (with a {@code nonce}), or, with {@code nonce} null, without one.
     */
    public String idToken(String user, String nonce) {
        return tokens(user, CLIENT_ID, nonce).path("id_token").asText();
    }

    /** From now on, access tokens say in their JOSE header that they are access tokens ({@code typ: at+jwt}, RFC 9068), or not. */
    public void typeAccessTokensAsAtJwt(boolean typed) {
        context.getBean(Switches.class).atJwt().set(typed);
    }

    /** From now on, a refresh gives a new ID token (as this provider, Keycloak and Entra ID do), or only the access token. */
    public void issueIdTokensOnRefresh(boolean issued) {
        context.getBean(Switches.class).idTokenOnRefresh().set(issued);
    }

    /** The query strings of the RP-initiated logout requests the provider received, oldest first. */
    public List<String> logoutRequests() {
        return List.copyOf(context.getBean(LogoutRequests.class).queries());
    }

    private JsonNode tokens(String user, String clientId, String nonce) {
        RegisteredClient client = context.getBean(InMemoryRegisteredClientRepository.class).findByClientId(clientId);
        String redirect = client.getRedirectUris().iterator().next();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", clientId,
                "scope", OidcScopes.OPENID, "redirect_uri", redirect, "state", UUID.randomUUID().toString()));
        if (nonce != null) {
            parameters.put("nonce", nonce);
        }
        String authorize = issuer() + "/oauth2/authorize?" + form(parameters);
        String location = location(send(http, get(authorize)));
        String loginPage = send(http, get(absolute(location))).body();
        Matcher csrf = CSRF.matcher(loginPage);
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form at " + location);
        }
        location = location(send(http, post(issuer() + "/login", Map.of("username", user, "password", PASSWORD, "_csrf", csrf.group(1)))));
        location = location(send(http, get(absolute(location))));
        String code = URI.create(location).getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        HttpRequest token = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", Http.basic(clientId, secret(clientId)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8), "redirect_uri", redirect))))
                .build();
        HttpResponse<String> answer = send(http, token);
        try {
            return new ObjectMapper().readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint answered " + answer.statusCode(), e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> directory() {
        return (Map<String, List<String>>) context.getBean("groupDirectory");
    }

    private static String secret(String clientId) {
        return CLIENT_ID.equals(clientId) ? CLIENT_SECRET : OTHER_CLIENT_SECRET;
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : issuer() + location;
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static HttpRequest post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("expected a redirect, got " + response.statusCode()));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the provider's logout endpoint was asked, in a type of its own (a bare list bean would be injected as a collection). */
    record LogoutRequests(List<String> queries) {
    }

    /** What the test switched: at+jwt-typed access tokens, ID tokens on refresh. */
    record Switches(AtomicBoolean atJwt, AtomicBoolean idTokenOnRefresh) {
    }

    /**
     * The provider's beans. Deliberately not a {@code @Configuration}: the application's component scan
     * (which covers the test classes' packages) must not pick it up.
     */
    @EnableWebSecurity
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http, Switches switches) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults())
                            .tokenEndpoint(token -> token.accessTokenResponseHandler((request, response, authentication) -> {
                                OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) authentication;
                                if (!switches.idTokenOnRefresh().get() && "refresh_token".equals(request.getParameter("grant_type"))) {
                                    Map<String, Object> parameters = new LinkedHashMap<>(tokens.getAdditionalParameters());
                                    parameters.remove(OidcParameterNames.ID_TOKEN);
                                    tokens = new OAuth2AccessTokenAuthenticationToken(tokens.getRegisteredClient(),
                                            (org.springframework.security.core.Authentication) tokens.getPrincipal(),
                                            tokens.getAccessToken(), tokens.getRefreshToken(), parameters);
                                }
                                tokenResponse.onAuthenticationSuccess(request, response, tokens);
                            })))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager();
        }

        @Bean
        Map<String, List<String>> groupDirectory() {
            return new ConcurrentHashMap<>();
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(client(CLIENT_ID, "http://127.0.0.1/login/oauth2/code/" + REGISTRATION),
                    client(OTHER_CLIENT_ID, OTHER_REDIRECT));
        }

        private static RegisteredClient client(String id, String redirect) {
            return RegisteredClient.withId(id).clientId(id).clientSecret("{noop}" + secret(id))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(redirect)
                    .postLogoutRedirectUri(redirect)
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build();
        }

        /**
         * The user's groups, as the directory holds them at the moment of issue, in ID and access tokens; the
         * user name as {@code preferred_username} in both; names in ID tokens; {@code typ: at+jwt} on access
         * tokens when the test asks for it.
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim(Map<String, List<String>> groupDirectory, Switches switches) {
            return context -> {
                String name = context.getPrincipal().getName();
                List<String> groups = groupDirectory.get(name);
                boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
                boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
                if (groups != null && (accessToken || idToken)) {
                    context.getClaims().claim("groups", List.copyOf(groups));
                    context.getClaims().claim("preferred_username", name);
                }
                if (groups != null && idToken) {
                    context.getClaims().claim("given_name", Character.toUpperCase(name.charAt(0)) + name.substring(1));
                    context.getClaims().claim("family_name", "Tester");
                }
                if (accessToken && switches.atJwt().get()) {
                    context.getJwsHeader().type("at+jwt");
                }
            };
        }

        @Bean
        Switches switches() {
            return new Switches(new AtomicBoolean(), new AtomicBoolean(true));
        }

        @Bean
        LogoutRequests logoutRequests() {
            return new LogoutRequests(new CopyOnWriteArrayList<>());
        }

        /**
         * Records every RP-initiated logout request, and ends the provider's session for one that names the
         * client instead of giving the ID token ({@code client_id} and a {@code post_logout_redirect_uri}
         * registered for that client), as Keycloak and Entra ID do. Requests with {@code id_token_hint} go on
         * to Spring Authorization Server.
         */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> logoutByClientId(InMemoryRegisteredClientRepository clients,
                                                                      LogoutRequests logoutRequests) {
            OncePerRequestFilter filter = new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    if (!"/connect/logout".equals(request.getRequestURI())) {
                        chain.doFilter(request, response);
                        return;
                    }
                    logoutRequests.queries().add(request.getQueryString() == null ? "" : request.getQueryString());
                    if (request.getParameter("id_token_hint") != null) {
                        chain.doFilter(request, response);
                        return;
                    }
                    RegisteredClient client = request.getParameter("client_id") == null ? null
                            : clients.findByClientId(request.getParameter("client_id"));
                    String redirect = request.getParameter("post_logout_redirect_uri");
                    if (client == null || redirect == null || !client.getPostLogoutRedirectUris().contains(redirect)) {
                        response.sendError(400, "unknown client or post_logout_redirect_uri");
                        return;
                    }
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    response.sendRedirect(redirect);
                }
            };
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the provider's own user info endpoint. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
