package org.dsrflow.config;

import java.util.LinkedHashMap;

/**
 * A text of the processing register that a requester may read, in every language of the
 * organisation: {@code { en: "Contact details", sv: "Kontaktuppgifter", ... }}. Start-up fails when a
 * language is missing ({@link ProcessingRegisterCheck}), so {@link #in} never falls back to another.
 */
public final class Text extends LinkedHashMap<String, String> {

    public Text() {
    }

    /** A text given in one or more languages, e.g. in tests: {@code Text.of("en", "Sales", "sv", "Försäljning")}. */
    public static Text of(String... languageAndText) {
        Text text = new Text();
        for (int i = 0; i + 1 < languageAndText.length; i += 2) {
            text.put(languageAndText[i], languageAndText[i + 1]);
        }
        return text;
    }

    /** The text in this language. */
    public String in(String language) {
        String text = get(language);
        if (text == null) {
            throw new IllegalStateException("no text in '" + language + "' (the register check should have said so at start-up)");
        }
        return text;
    }
}
