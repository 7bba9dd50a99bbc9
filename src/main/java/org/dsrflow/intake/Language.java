package org.dsrflow.intake;

import java.util.Locale;

/** Languages in which requesters are answered. */
public enum Language {
    en, sv, nb, da, fi;

    public Locale locale() {
        return Locale.forLanguageTag(name());
    }
}
