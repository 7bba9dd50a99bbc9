package org.dsrflow.deadlines;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.dsrflow.config.ClockStopRule;

/**
 * The statutory deadline rules of GDPR Art. 12(3) as GDPR-RULES.md states them, in plain Java
 * (no engine): a calendar month with month-end clamp, clock stops (suspension or restart, per
 * site), extension to receipt + 3 months, and Saturdays, Sundays and the site's public holidays
 * rolled forward to the next working day. Holidays come from Jollyday; observances do not count,
 * and neither do the eves the library lists for Sweden and Finland (see {@link #NOT_PUBLIC_HOLIDAYS}).
 */
public class DeadlineCalculator {

    /**
     * Christmas Eve, Midsummer Eve and New Year's Eve are days off by custom in Sweden and Finland,
     * and Jollyday lists them, but no law designates them public holidays (Sweden: lag 1989:253 om
     * allmänna helgdagar, 1 §). Reg. 1182/71 Art. 2(1) and 3(4) roll a period over the public
     * holidays a Member State designates; the national "eve" rules (SE lag 1930:173, 2 §; FI
     * 150/1930, 5 §) are written for national deadlines. Unsure which reading a court would take, we
     * take the earlier date: answering early never breaches. docs/gdpr-rules.md has the sources.
     */
    static final Set<String> NOT_PUBLIC_HOLIDAYS = Set.of("CHRISTMAS_EVE", "MIDSUMMER_EVE", "NEW_YEARS_EVE");

    private final Map<String, SiteCalendar> sites;
    private final Map<String, Set<LocalDate>> holidaysBySiteAndYear = new ConcurrentHashMap<>();

    public DeadlineCalculator(Map<String, SiteCalendar> sites) {
        this.sites = Map.copyOf(sites);
        this.sites.values().forEach(site -> manager(site)); // fail at start-up on an unknown calendar
    }

    public Set<String> sites() {
        return sites.keySet();
    }

    /** The deadlines of a request received on {@code receivedOn} (a date in the site's zone). */
    public Deadlines compute(String site, LocalDate receivedOn, List<ClockStop> stops) {
        SiteCalendar calendar = calendar(site);
        List<ClockStop> merged = merge(stops);
        LocalDate due;
        LocalDate extended;
        if (calendar.clockStop() == ClockStopRule.RESTART) {
            // The period runs from the latest answer that restarts it (identity, fee: UK GDPR Art. 12A);
            // the days of a pause after that (a question about an access request, Art. 12A) do not count.
            LocalDate start = merge(stops.stream().filter(stop -> !stop.pause()).toList()).stream().map(ClockStop::to)
                    .filter(receivedOn::isBefore).max(Comparator.naturalOrder()).orElse(receivedOn);
            long paused = merge(stops.stream().filter(ClockStop::pause).toList()).stream()
                    .filter(stop -> stop.to().isAfter(start))
                    .mapToLong(stop -> new ClockStop(stop.from().isBefore(start) ? start : stop.from(), stop.to()).days())
                    .sum();
            due = start.plusMonths(1).plusDays(paused);
            extended = start.plusMonths(3).plusDays(paused);
        } else {
            long stopped = merged.stream().mapToLong(ClockStop::days).sum();
            due = receivedOn.plusMonths(1).plusDays(stopped);
            extended = receivedOn.plusMonths(3).plusDays(stopped);
        }
        LocalDate dueDate = nextWorkingDay(site, due);
        return new Deadlines(dueDate, nextWorkingDay(site, extended), dueDate);
    }

    /** {@code date} itself when it is a working day of the site, otherwise the next one. */
    public LocalDate nextWorkingDay(String site, LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(site, day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** {@code date} itself when it is a working day of the site, otherwise the working day before it. */
    public LocalDate previousWorkingDay(String site, LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(site, day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    public boolean isWorkingDay(String site, LocalDate date) {
        DayOfWeek weekday = date.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays(site, date.getYear()).contains(date);
    }

    private Set<LocalDate> holidays(String site, int year) {
        return holidaysBySiteAndYear.computeIfAbsent(site + ":" + year, key -> {
            SiteCalendar calendar = calendar(site);
            return manager(calendar).getHolidays(Year.of(year), calendar.holidaySubdivisions().toArray(String[]::new))
                    .stream()
                    .filter(holiday -> holiday.getType() != HolidayType.OBSERVANCE)
                    .filter(holiday -> !NOT_PUBLIC_HOLIDAYS.contains(holiday.getPropertiesKey()))
                    .map(holiday -> holiday.getDate())
                    .collect(Collectors.toUnmodifiableSet());
        });
    }

    private SiteCalendar calendar(String site) {
        SiteCalendar calendar = sites.get(site);
        if (calendar == null) {
            throw new IllegalArgumentException("unknown site " + site);
        }
        return calendar;
    }

    private static HolidayManager manager(SiteCalendar calendar) {
        return HolidayManager.getInstance(ManagerParameters.create(calendar.holidayCalendar()));
    }

    static List<ClockStop> merge(List<ClockStop> stops) {
        List<ClockStop> sorted = new ArrayList<>(stops);
        sorted.sort(Comparator.comparing(ClockStop::from));
        List<ClockStop> merged = new ArrayList<>();
        for (ClockStop stop : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).overlapsOrTouches(stop)) {
                merged.set(last, merged.get(last).union(stop));
            } else {
                merged.add(stop);
            }
        }
        return merged;
    }
}
