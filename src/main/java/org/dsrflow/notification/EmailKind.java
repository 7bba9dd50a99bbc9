package org.dsrflow.notification;

/** Every kind of email the process sends; the name, lower-cased with dashes, is the template name. */
public enum EmailKind {
    ACKNOWLEDGEMENT,
    RESPONSE,
    REFUSAL;

    public String template() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
