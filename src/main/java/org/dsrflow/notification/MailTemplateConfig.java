package org.dsrflow.notification;

import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Adds a plain-text resolver for {@code templates/**.txt} next to Boot's HTML resolver, so every
 * email has an HTML and a text part rendered by the same Thymeleaf engine.
 */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfig {

    @Bean
    ITemplateResolver textTemplateResolver() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(java.util.Set.of("*.txt"));
        resolver.setCheckExistence(true);
        resolver.setOrder(1);
        return resolver;
    }
}
