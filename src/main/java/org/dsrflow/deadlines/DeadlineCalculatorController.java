package org.dsrflow.deadlines;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.StaffGroups;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "When is this due?" for staff: the same rules the process uses, for any site and date, with
 * optional clock stops ({@code stop=2026-12-07/2026-12-10}).
 */
@RestController
class DeadlineCalculatorController {

    private final DeadlineCalculator calculator;
    private final StaffAccess access;

    DeadlineCalculatorController(DeadlineCalculator calculator, StaffAccess access) {
        this.calculator = calculator;
        this.access = access;
    }

    @GetMapping(path = "/api/staff/deadlines", produces = MediaType.APPLICATION_JSON_VALUE)
    DeadlinesView deadlines(@RequestParam(required = false) String site,
                            @RequestParam(required = false) String receivedOn,
                            @RequestParam(name = "stop", required = false) List<String> stops) {
        access.requireAnyGroup(StaffGroups.PRIVACY, StaffGroups.MANAGERS);
        List<FieldProblem> problems = new ArrayList<>();
        if (site == null || !calculator.sites().contains(site)) {
            problems.add(new FieldProblem("site", "must be one of " + String.join(", ", calculator.sites().stream().sorted().toList())));
        }
        LocalDate received = parseDate(receivedOn, "receivedOn", problems);
        List<ClockStop> clockStops = new ArrayList<>();
        List<String> given = stops == null ? List.of() : stops;
        for (int i = 0; i < given.size(); i++) {
            ClockStop stop = parseStop(given.get(i), "stop[" + i + "]", received, problems);
            if (stop != null) {
                clockStops.add(stop);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Deadlines deadlines = calculator.compute(site, received, clockStops);
        return new DeadlinesView(site, received, deadlines.dueDate(), deadlines.extendedDueDate(),
                deadlines.extensionNoticeBy(), clockStops.stream().map(ClockStopView::of).toList());
    }

    private static LocalDate parseDate(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static ClockStop parseStop(String value, String field, LocalDate received, List<FieldProblem> problems) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2) {
            problems.add(new FieldProblem(field, "must be two dates FROM/TO, e.g. 2026-12-07/2026-12-10"));
            return null;
        }
        try {
            ClockStop stop = new ClockStop(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]));
            if (received != null && stop.from().isBefore(received)) {
                problems.add(new FieldProblem(field, "must not start before receivedOn"));
                return null;
            }
            return stop;
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be two dates FROM/TO, e.g. 2026-12-07/2026-12-10"));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "must not end before it starts"));
        }
        return null;
    }

    record DeadlinesView(String site, LocalDate receivedOn, LocalDate dueDate, LocalDate extendedDueDate,
                         LocalDate extensionNoticeBy, List<ClockStopView> clockStops) {
    }

    record ClockStopView(LocalDate from, LocalDate to, long days) {
        static ClockStopView of(ClockStop stop) {
            return new ClockStopView(stop.from(), stop.to(), stop.days());
        }
    }
}
