package org.dsrflow.notification;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Dates as a reader of the language expects them ({@code ${dates.format(date, #locale)}} in
 * templates): "7 April 2026", "7 april 2026", "7. april 2026", "7. huhtikuuta 2026".
 */
@Component("dateText")
public class DateText {

    public String format(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        Locale reading = "en".equals(locale.getLanguage()) ? Locale.UK : locale;
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(reading).format(date);
    }
}
