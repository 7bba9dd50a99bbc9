package org.dsrflow.requester;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.Register;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The organisation's languages, each by its own name ("Svenska"), from its message file's
 * {@code language.name}: the switcher and the answer-language choice. A bean, not a model attribute,
 * so that error pages (429, 503) have the switcher too: {@code ${@languageNames.names()}}.
 */
@Component("languageNames")
public class LanguageNames {

    private final Map<String, String> names;

    LanguageNames(Register register, MessageSource messages) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String language : register.languages()) {
            names.put(language, messages.getMessage("language.name", null, Locale.forLanguageTag(language)));
        }
        this.names = java.util.Collections.unmodifiableMap(names);
    }

    /** In the register's order. */
    public Map<String, String> names() {
        return names;
    }
}
