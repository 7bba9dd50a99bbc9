package org.dsrflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The Thymeleaf engine of the emails and documents as the application configures it (the text resolver
 * of notification/MailTemplateConfig before Boot's HTML one), with the messages, for tests without a context.
 */
public record MailTemplates(SpringTemplateEngine engine, ResourceBundleMessageSource messages) {

    public static MailTemplates create() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        ClassLoaderTemplateResolver text = new ClassLoaderTemplateResolver();
        text.setPrefix("templates/");
        text.setTemplateMode(TemplateMode.TEXT);
        text.setCharacterEncoding(StandardCharsets.UTF_8.name());
        text.setResolvablePatterns(Set.of("*.txt"));
        text.setCheckExistence(true);
        text.setOrder(1);
        ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
        html.setPrefix("templates/");
        html.setSuffix(".html");
        html.setTemplateMode(TemplateMode.HTML);
        html.setCharacterEncoding(StandardCharsets.UTF_8.name());
        html.setOrder(2);
        engine.addTemplateResolver(text);
        engine.addTemplateResolver(html);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        engine.setTemplateEngineMessageSource(messages);
        return new MailTemplates(engine, messages);
    }
}
