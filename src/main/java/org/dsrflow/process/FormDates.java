package org.dsrflow.process;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Days as Camunda Forms submit them: a date field sends YYYY-MM-DD, a date-time field YYYY-MM-DDThh:mm. */
public final class FormDates {

    private FormDates() {
    }

    /** The day part of a date or date-time value (YYYY-MM-DD...), or null. */
    public static LocalDate day(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
