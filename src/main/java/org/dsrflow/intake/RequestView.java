package org.dsrflow.intake;

import java.time.LocalDate;
import java.util.List;
import org.dsrflow.deadlines.RecordedClockStop;
import org.dsrflow.deadlines.RequestDeadlines;
import org.dsrflow.request.DsrRequest;

/**
 * What the APIs show of a request: its reference, status and statutory dates. No personal data is
 * echoed back. {@code statusKey} is present only in the answer to the submission.
 */
public record RequestView(String reference, String status, String type, String site, String language, String channel,
                          LocalDate receivedOn, LocalDate dueDate, LocalDate extendedDueDate, String extensionReasons,
                          boolean clockStopped, boolean overdue, List<ClockStopView> clockStops, String statusKey) {

    public static RequestView of(DsrRequest request, RequestDeadlines deadlines, String statusKey) {
        return new RequestView(request.reference(), request.status().name(), request.type().name(), request.site(),
                request.language().name(), request.channel().name(), request.receivedOn(),
                deadlines.deadlines().dueDate(),
                deadlines.extended() ? deadlines.deadlines().extendedDueDate() : null,
                deadlines.extensionReasons(), deadlines.clockStopped(), deadlines.overdue(),
                deadlines.clockStops().stream().map(ClockStopView::of).toList(), statusKey);
    }

    /** A clock stop: why, from, and until (absent while still stopped). */
    public record ClockStopView(String reason, LocalDate stoppedOn, LocalDate resumedOn) {
        static ClockStopView of(RecordedClockStop stop) {
            return new ClockStopView(stop.reason().name(), stop.stoppedOn(), stop.resumedOn());
        }
    }
}
