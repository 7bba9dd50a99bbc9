package org.dsrflow.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The model of an email being prepared, its kind, the language it will be written in, and its attachments. */
public final class PreparedEmail {

    private final EmailKind kind;
    private final Map<String, Object> model;
    private final Locale locale;
    private final List<Attachment> attachments = new ArrayList<>();

    public PreparedEmail(EmailKind kind, Map<String, Object> model, Locale locale) {
        this.kind = kind;
        this.model = model;
        this.locale = locale;
    }

    public EmailKind kind() {
        return kind;
    }

    public Locale locale() {
        return locale;
    }

    /** A value the templates may show ({@code ${name}}); escaped by them like every other. */
    public PreparedEmail put(String name, Object value) {
        model.put(name, value);
        return this;
    }

    public PreparedEmail attach(String fileName, String contentType, String content) {
        return attach(fileName, contentType, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public PreparedEmail attach(String fileName, String contentType, byte[] content) {
        attachments.add(new Attachment(fileName, contentType, content.clone()));
        return this;
    }

    /** A value put so far (null when none). */
    public Object value(String name) {
        return model.get(name);
    }

    Map<String, Object> model() {
        return model;
    }

    public List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
