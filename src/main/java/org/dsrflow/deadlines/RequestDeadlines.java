package org.dsrflow.deadlines;

import java.time.LocalDate;
import java.util.List;

/**
 * The deadline state of one request: the dates by the rules, whether (and why) it was extended,
 * whether it is overdue, and its clock stops. {@code extensionReason}: the register's standard reason picked for the
 * extension (its id), whose text precedes {@code extensionReasons}, the privacy team's own words.
 */
public record RequestDeadlines(LocalDate receivedOn, Deadlines deadlines, boolean extended, String extensionReasons,
                               boolean overdue, List<RecordedClockStop> clockStops, String extensionReason) {

    /** The date by which the answer is due now: the extended date once extended. */
    public LocalDate answerDueDate() {
        return extended ? deadlines.extendedDueDate() : deadlines.dueDate();
    }

    public boolean clockStopped() {
        return clockStops.stream().anyMatch(stop -> stop.resumedOn() == null);
    }
}
