package org.dsrflow.security.web;

import org.dsrflow.security.sso.WebappSignInFilter;
import org.dsrflow.security.sso.BearerTokenAuthenticationProvider;
import org.dsrflow.security.sso.SsoSettings;
import org.dsrflow.security.guard.CockpitVariableSearchFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.dsrflow.support.PublicLinks;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Authentication of the Camunda REST API, the staff API and the metrics: HTTP basic, checked against
 * Camunda's identity service, for local users; with single sign-on ({@code sso/SsoSecurityConfig}) a
 * bearer token instead, already checked by Spring Security. The filter also sets the engine's current
 * authentication, so every call is subject to Camunda authorizations. Before every filter: paths in
 * normal form only, and failed log-ins slowed per account and source.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurityConfig {

    @Bean
    FilterRegistrationBean<RequestPathFilter> requestPathFilter() {
        FilterRegistrationBean<RequestPathFilter> registration = new FilterRegistrationBean<>(new RequestPathFilter());
        registration.setName("dsr-request-path");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(Clock clock) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(clock));
        registration.setName("dsr-login-throttle");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequestFilter(PublicLinks links) {
        FilterRegistrationBean<CrossSiteRequestFilter> registration = new FilterRegistrationBean<>(new CrossSiteRequestFilter(links));
        registration.setName("dsr-cross-site-requests");
        // /staff/*: the staff pages' forms, authenticated by the webapp session's cookie.
        registration.addUrlPatterns("/engine-rest/*", "/api/staff/*", "/staff/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MultipartBodiesFilter> multipartBodiesFilter() {
        FilterRegistrationBean<MultipartBodiesFilter> registration = new FilterRegistrationBean<>(new MultipartBodiesFilter());
        registration.setName("dsr-multipart-bodies");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** After the webapps' sign-in (local or single sign-on) has put the user into the session. */
    @Bean
    FilterRegistrationBean<CockpitVariableSearchFilter> cockpitVariableSearchFilter(CamundaBpmProperties camunda,
                                                                                   AuthorizationService authorizations,
                                                                                   ObjectMapper json) {
        FilterRegistrationBean<CockpitVariableSearchFilter> registration = new FilterRegistrationBean<>(
                new CockpitVariableSearchFilter(authorizations, json));
        registration.setName("dsr-cockpit-variable-search");
        registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/cockpit/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappSignInFilter> webappSignInFilter(CamundaBpmProperties camunda, ObjectProvider<SsoSettings> sso) {
        String webapp = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<WebappSignInFilter> registration = new FilterRegistrationBean<>(
                new WebappSignInFilter(sso.getIfAvailable() != null, webapp));
        registration.setName("dsr-webapp-sso-script");
        registration.addUrlPatterns(webapp + "/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    FilterRegistrationBean<StaffWebappAssets> staffWebappAssets(CamundaBpmProperties camunda) {
        String webapp = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<StaffWebappAssets> registration = new FilterRegistrationBean<>(new StaffWebappAssets(webapp));
        registration.setName("dsr-staff-webapp-assets");
        registration.addUrlPatterns(webapp + "/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter(ObjectProvider<SsoSettings> sso) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("dsr-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/staff/*", "/actuator/prometheus");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                (sso.getIfAvailable() != null ? BearerTokenAuthenticationProvider.class : HttpBasicAuthenticationProvider.class).getName());
        return registration;
    }
}
