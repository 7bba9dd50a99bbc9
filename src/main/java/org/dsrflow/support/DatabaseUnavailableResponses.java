package org.dsrflow.support;

import jakarta.annotation.Priority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached, the Camunda REST API and anything a servlet filter does
 * before a controller (the log-in check of HTTP basic authentication) answer 503 with Retry-After,
 * like the application's own endpoints, instead of a bare 500. The Camunda webapps' internal API
 * (Tasklist, Cockpit) keeps Camunda's own answer.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseUnavailableResponses {

    static final String MESSAGE = "The database cannot be reached right now; nothing was changed. Please try again in a minute.";

    @Bean
    ResourceConfigCustomizer engineRestOutageMappers() {
        return config -> config.register(EngineException.class).register(EngineRestException.class);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
                        throw e;
                    }
                    response.resetBuffer();
                    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
                    response.setContentType("application/problem+json");
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Temporarily unavailable\","
                            + "\"status\":503,\"detail\":\"" + MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        registration.setName("dsr-database-unavailable");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    static Response unavailable() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", "DatabaseUnavailable", "message", MESSAGE))
                .build();
    }

    /** Before Camunda's own mapper of engine exceptions (a higher priority). */
    @Priority(1)
    public static class EngineException implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException e) {
            return DatabaseUnavailable.causedBy(e) ? unavailable() : ExceptionHandlerHelper.getInstance().getResponse(e);
        }
    }

    /** The same for the REST layer's own wrapper (e.g. "Cannot complete task …"). */
    @Priority(1)
    public static class EngineRestException implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException e) {
            return DatabaseUnavailable.causedBy(e) ? unavailable() : ExceptionHandlerHelper.getInstance().getResponse(e);
        }
    }
}
