package org.dsrflow.requester;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security on the requester's pages only: CSRF tokens on every form, strict headers. No
 * login: the pages are public, and staff endpoints authenticate against Camunda (see security/).
 * Other paths are not matched by this chain and are left to Camunda's own filters.
 */
@Configuration(proxyBeanMethods = false)
class PublicPagesSecurityConfig {

    @Bean
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        http.securityMatcher("/", "/request/**", "/status/**", "/reply/**", "/confirm/**", "/download/**", "/external/**",
                        "/transfer/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // The identity evidence's multipart body would be read in full to find the CSRF parameter before any
                // other check: its controller checks the link and the size first, then the same CSRF token itself.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ReplyPageController.EVIDENCE_PATH))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
