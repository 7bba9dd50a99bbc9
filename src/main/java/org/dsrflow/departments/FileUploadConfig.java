package org.dsrflow.departments;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.dsrflow.security.web.MultipartBodiesFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Multipart bodies for files only (the paths of {@link MultipartBodiesFilter#filesPath}) ({@code spring.servlet.multipart.enabled} stays false, so Boot's
 * generic resolver is off). The servlet's limits come from {@code dsr.files}: a file over {@code max-file-size} stops
 * Tomcat reading at the limit; a body larger than one file and its form fields is refused from its Content-Length
 * before it is read. Parts stay in memory (threshold above the limit), so a person's file never lands in a temporary
 * file on disk unencrypted. Parsed lazily, after the access check; other paths never get a multipart body parsed
 * ({@code security/web/MultipartBodiesFilter}).
 */
@Configuration(proxyBeanMethods = false)
class FileUploadConfig {

    /** Room for the category field and the multipart framing next to one file. */
    static final long FORM_OVERHEAD = 64 * 1024;

    @Bean
    MultipartConfigElement multipartConfigElement(FileSettings settings) {
        long file = settings.maxFileSize().toBytes();
        return new MultipartConfigElement(null, file, file + FORM_OVERHEAD, (int) Math.min(Integer.MAX_VALUE, file + FORM_OVERHEAD));
    }

    @Bean(name = "multipartResolver")
    StandardServletMultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return MultipartBodiesFilter.filesPath(request.getRequestURI().substring(request.getContextPath().length()))
                        && super.isMultipart(request);
            }
        };
        resolver.setResolveLazily(true);
        return resolver;
    }
}
