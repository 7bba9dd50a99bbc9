package org.dsrflow.deadlines;

import java.util.List;
import org.dsrflow.config.ClockStopRule;

/**
 * What the deadline rules need to know about a site: its public-holiday calendar (a Jollyday
 * calendar code with optional subdivisions, e.g. GB with "eng" for England and Wales) and how a
 * clock stop counts there.
 */
public record SiteCalendar(String holidayCalendar, List<String> holidaySubdivisions, ClockStopRule clockStop) {

    public SiteCalendar {
        holidaySubdivisions = holidaySubdivisions == null ? List.of() : List.copyOf(holidaySubdivisions);
    }
}
