package org.dsrflow.request;

import java.util.Locale;
import java.util.Objects;

/**
 * A language in which a requester is answered: one of the processing register's
 * {@code dsr.organisation.languages} (checked at intake), e.g. {@code sv}.
 */
public record Language(String name) {

    public Language {
        Objects.requireNonNull(name, "language");
    }

    public static Language valueOf(String name) {
        return new Language(name);
    }

    public Locale locale() {
        return Locale.forLanguageTag(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
