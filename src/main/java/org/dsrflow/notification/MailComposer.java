package org.dsrflow.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an email from {@code templates/mail/<kind>.html} and {@code .txt}; the subject is the
 * message {@code mail.<kind>.subject}; texts come from {@code messages_<language>.properties},
 * dates are written for the language ({@code ${dates.format(date, #locale)}}). Thymeleaf escapes
 * every value, so user-supplied text cannot inject markup.
 */
@Component
public class MailComposer {

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final DateText dates;

    MailComposer(ITemplateEngine templates, MessageSource messages, DateText dates) {
        this.templates = templates;
        this.messages = messages;
        this.dates = dates;
    }

    public RenderedEmail render(EmailKind kind, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        context.setVariable("dates", dates);
        String name = "mail/" + kind.template();
        // Staff emails are in English, like Camunda's webapps: their subjects are staff.* messages.
        String prefix = kind.audience().staff() ? "staff.mail." : "mail.";
        String subject = messages.getMessage(prefix + kind.template() + ".subject",
                new Object[] {model.get("reference"), model.get("department")}, locale);
        return new RenderedEmail(subject, templates.process(name, context), templates.process(name + ".txt", context));
    }
}
