package org.dsrflow.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.dsrflow.config.ClockStopRule;

/** The worked examples of GDPR-RULES.md, plus properties over every day of several years and all sites. */
class DeadlineCalculatorTest {

    /** The shipped configuration of the reference organisation's sites. */
    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(Map.of(
            "SE", new SiteCalendar("SE", List.of(), ClockStopRule.SUSPEND),
            "NO", new SiteCalendar("NO", List.of(), ClockStopRule.SUSPEND),
            "DK", new SiteCalendar("DK", List.of(), ClockStopRule.SUSPEND),
            "FI", new SiteCalendar("FI", List.of(), ClockStopRule.SUSPEND),
            "GB", new SiteCalendar("GB", List.of("eng"), ClockStopRule.RESTART),
            "INT", new SiteCalendar("SE", List.of(), ClockStopRule.SUSPEND)));

    @ParameterizedTest(name = "{0} received {1}: due {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            SE | 2026-03-05 | 2026-04-07 | 5 Apr is Easter Sunday, 6 Apr Easter Monday
            SE | 2025-08-31 | 2025-09-30 | no 31 Sep
            SE | 2026-01-31 | 2026-03-02 | 28 Feb 2026 is a Saturday
            SE | 2024-01-31 | 2024-02-29 | leap year
            GB | 2026-11-25 | 2026-12-29 | 25 Dec Fri; 28 Dec is the Boxing Day substitute holiday
            NO | 2026-04-14 | 2026-05-15 | 14 May 2026 is Ascension Day
            GB | 2026-04-14 | 2026-05-14 | not a holiday in England and Wales
            INT | 2026-11-25 | 2026-12-28 | the international site uses Sweden's holidays
            SE | 2026-11-24 | 2026-12-24 | Christmas Eve is not a Swedish public holiday (lag 1989:253)
            FI | 2026-05-19 | 2026-06-19 | Midsummer Eve is not a Finnish public holiday
            SE | 2026-05-19 | 2026-06-19 | Midsummer Eve is not a Swedish public holiday
            FI | 2026-11-24 | 2026-12-24 | Christmas Eve is not a Finnish public holiday
            SE | 2026-11-25 | 2026-12-28 | 25 Dec is Christmas Day, then a weekend
            """)
    void workedExampleDueDates(String site, LocalDate received, LocalDate due, String why) {
        Deadlines deadlines = CALCULATOR.compute(site, received, List.of());
        assertThat(deadlines.dueDate()).as(why).isEqualTo(due);
        assertThat(deadlines.extensionNoticeBy()).isEqualTo(due);
    }

    @Test
    void extendedDueDateIsReceiptPlusThreeMonths() {
        assertThat(CALCULATOR.compute("SE", LocalDate.parse("2026-03-05"), List.of()).extendedDueDate())
                .isEqualTo("2026-06-05");
    }

    @Test
    void suspensionMovesTheDueDateByTheDaysStopped() {
        ClockStop threeDays = new ClockStop(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02"));
        assertThat(threeDays.days()).isEqualTo(3);
        // 28 Feb + 3 days = 3 Mar, a Tuesday
        assertThat(CALCULATOR.compute("SE", LocalDate.parse("2026-01-30"), List.of(threeDays)).dueDate())
                .isEqualTo("2026-03-03");
    }

    @Test
    void restartCountsTheMonthFromTheEndOfTheStopInGreatBritain() {
        ClockStop stop = new ClockStop(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02"));
        Deadlines deadlines = CALCULATOR.compute("GB", LocalDate.parse("2026-01-30"), List.of(stop));
        assertThat(deadlines.dueDate()).isEqualTo("2026-03-02");
        assertThat(deadlines.extendedDueDate()).isEqualTo("2026-05-05"); // 2 May Sat, 4 May early May bank holiday
    }

    @Test
    void inGreatBritainAQuestionPausesTheClockWhileIdentityAndFeeRestartIt() {
        // UK GDPR Art. 12A: for an access request, the days waiting for the answer to a question do not count.
        ClockStop question = new ClockStop(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02"), true);
        Deadlines paused = CALCULATOR.compute("GB", LocalDate.parse("2026-01-30"), List.of(question));
        assertThat(paused.dueDate()).isEqualTo("2026-03-03"); // 28 Feb + 3 days
        assertThat(paused.extendedDueDate()).isEqualTo("2026-05-05"); // 3 May Sun, 4 May early May bank holiday
        // Identity evidence until 2 Feb restarts the month; a question from 10 to 13 Feb then adds its 3 days.
        Deadlines both = CALCULATOR.compute("GB", LocalDate.parse("2026-01-30"), List.of(
                new ClockStop(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02")),
                new ClockStop(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-13"), true)));
        assertThat(both.dueDate()).isEqualTo("2026-03-05");
        // In the EU/EEA every stop is a suspension anyway.
        assertThat(CALCULATOR.compute("SE", LocalDate.parse("2026-01-30"), List.of(question)).dueDate()).isEqualTo("2026-03-03");
    }

    @Test
    void overlappingStopsCountOnce() {
        List<ClockStop> overlapping = List.of(
                new ClockStop(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02")),
                new ClockStop(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-02")));
        assertThat(CALCULATOR.compute("SE", LocalDate.parse("2026-01-30"), overlapping).dueDate()).isEqualTo("2026-03-03");
    }

    @Test
    void previousWorkingDaySkipsBackOverWeekendsAndHolidays() {
        assertThat(CALCULATOR.previousWorkingDay("SE", LocalDate.parse("2026-12-05"))).isEqualTo("2026-12-04");
        assertThat(CALCULATOR.previousWorkingDay("SE", LocalDate.parse("2026-12-27"))).isEqualTo("2026-12-24");
        assertThat(CALCULATOR.previousWorkingDay("GB", LocalDate.parse("2026-12-28"))).isEqualTo("2026-12-24");
        assertThat(CALCULATOR.previousWorkingDay("SE", LocalDate.parse("2026-12-22"))).isEqualTo("2026-12-22");
    }

    /**
     * Reg. 1182/71 Art. 2(1) and 3(4) count the public holidays a Member State designates; Sweden's
     * (lag 1989:253, 1 §) and Finland's do not include the eves, which the holiday library lists. When in
     * doubt, the earlier date: answering early never breaches.
     */
    @Test
    void swedishAndFinnishEvesAreWorkingDaysBecauseNoLawMakesThemPublicHolidays() {
        for (String site : List.of("SE", "FI", "INT")) {
            assertThat(CALCULATOR.isWorkingDay(site, LocalDate.parse("2026-12-24"))).as(site + " Christmas Eve").isTrue();
            assertThat(CALCULATOR.isWorkingDay(site, LocalDate.parse("2026-06-19"))).as(site + " Midsummer Eve").isTrue();
            assertThat(CALCULATOR.isWorkingDay(site, LocalDate.parse("2026-12-31"))).as(site + " New Year's Eve").isTrue();
            assertThat(CALCULATOR.isWorkingDay(site, LocalDate.parse("2026-12-25"))).as(site + " Christmas Day").isFalse();
        }
        assertThat(CALCULATOR.isWorkingDay("SE", LocalDate.parse("2026-06-20"))).as("Midsummer Day").isFalse();
        // A one-day stop brings the answer to New Year's Eve, which stays the due date.
        ClockStop oneDay = new ClockStop(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
        assertThat(CALCULATOR.compute("SE", LocalDate.parse("2026-11-30"), List.of(oneDay)).dueDate()).isEqualTo("2026-12-31");
        assertThat(CALCULATOR.isWorkingDay("GB", LocalDate.parse("2026-08-31"))).isFalse(); // summer bank holiday, England
        assertThat(CALCULATOR.isWorkingDay("GB", LocalDate.parse("2026-12-24"))).isTrue();
    }

    @Test
    void propertiesHoldForEveryDayOfSixYearsAtEverySite() {
        for (String site : CALCULATOR.sites()) {
            for (LocalDate received = LocalDate.parse("2024-01-01"); received.isBefore(LocalDate.parse("2030-01-01"));
                 received = received.plusDays(1)) {
                Deadlines plain = CALCULATOR.compute(site, received, List.of());
                String where = site + " " + received;
                assertThat(CALCULATOR.isWorkingDay(site, plain.dueDate())).as(where).isTrue();
                assertThat(CALCULATOR.isWorkingDay(site, plain.extendedDueDate())).as(where).isTrue();
                assertThat(plain.dueDate()).as(where).isAfterOrEqualTo(received.plusMonths(1));
                assertThat(plain.dueDate()).as(where).isBefore(received.plusMonths(1).plusDays(8));
                assertThat(plain.extendedDueDate()).as(where).isAfter(plain.dueDate())
                        .isAfterOrEqualTo(received.plusMonths(3));
                LocalDate previous = plain.dueDate();
                for (int days = 1; days <= 40; days += 13) {
                    Deadlines stopped = CALCULATOR.compute(site, received,
                            List.of(new ClockStop(received.plusDays(2), received.plusDays(2 + days))));
                    assertThat(stopped.dueDate()).as(where + " stopped " + days).isAfterOrEqualTo(previous);
                    assertThat(CALCULATOR.isWorkingDay(site, stopped.dueDate())).as(where).isTrue();
                    assertThat(stopped.extendedDueDate()).as(where).isAfterOrEqualTo(stopped.dueDate());
                    previous = stopped.dueDate();
                }
            }
        }
    }
}
