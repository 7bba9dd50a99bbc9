package org.dsrflow.deadlines;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A period in which the organisation waited for the requester: from the day the wait began to the
 * day the requester's answer arrived. It stops the clock for {@code days()} calendar days
 * (2026-01-30 to 2026-02-02 is 3 days). A {@code pause} counts as a suspension even at a site whose
 * clock restarts after a stop (the UK: waiting for the answer to a question, see {@link StopReason}).
 */
public record ClockStop(LocalDate from, LocalDate to, boolean pause) {

    public ClockStop {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a clock stop cannot end (" + to + ") before it starts (" + from + ")");
        }
    }

    /** A stop counted by the site's rule (suspension or restart). */
    public ClockStop(LocalDate from, LocalDate to) {
        this(from, to, false);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to);
    }

    boolean overlapsOrTouches(ClockStop other) {
        return !other.from.isAfter(to) && !from.isAfter(other.to);
    }

    ClockStop union(ClockStop other) {
        return new ClockStop(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to, pause && other.pause);
    }
}
