package org.dsrflow.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an email from {@code templates/mail/<kind>.html} and {@code .txt}; the subject is the
 * message {@code mail.<kind>.subject}. Thymeleaf escapes every value, so user-supplied text
 * cannot inject markup.
 */
@Component
public class MailComposer {

    private final ITemplateEngine templates;
    private final MessageSource messages;

    MailComposer(ITemplateEngine templates, MessageSource messages) {
        this.templates = templates;
        this.messages = messages;
    }

    public RenderedEmail render(EmailKind kind, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        String name = "mail/" + kind.template();
        String subject = messages.getMessage("mail." + kind.template() + ".subject",
                new Object[] {model.get("reference")}, locale);
        return new RenderedEmail(subject, templates.process(name, context), templates.process(name + ".txt", context));
    }
}
