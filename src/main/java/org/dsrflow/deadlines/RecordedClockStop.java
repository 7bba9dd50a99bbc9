package org.dsrflow.deadlines;

import java.time.LocalDate;

/** A clock stop as recorded for a request; {@code resumedOn} is null while the clock is stopped. */
public record RecordedClockStop(StopReason reason, LocalDate stoppedOn, LocalDate resumedOn) {

    /** The stop as the rules count it; an open stop counts until {@code today}. */
    public ClockStop asOf(LocalDate today) {
        LocalDate end = resumedOn != null ? resumedOn : today;
        return new ClockStop(stoppedOn, end.isBefore(stoppedOn) ? stoppedOn : end, reason.pauses());
    }
}
