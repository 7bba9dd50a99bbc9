package org.dsrflow.sla;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The figures a manager needs to see whether the organisation keeps its deadlines. */
public record SlaFigures(
        LocalDate today,
        Map<String, Long> openByStage,
        long open,
        long dueWithinSevenDays,
        long overdue,
        List<Period> closedOnTime,
        Double medianDaysToAnswer,
        Double p90DaysToAnswer,
        List<TypeFigures> byType,
        List<DepartmentLoad> departments,
        List<ClosestToDeadline> closestToDeadline) {

    /** Requests answered (or refused) in the last {@code days} days, and how many within their deadline. */
    public record Period(int days, long answered, long onTime, Double onTimePercent) {
    }

    /**
     * One request type's figures (a row for every {@code RequestType}, also without requests): open,
     * due within 7 days, overdue, answered on time per period, median days to answer in the last year.
     */
    public record TypeFigures(String type, long open, long dueWithinSevenDays, long overdue, List<Period> closedOnTime,
                              Double medianDaysToAnswer) {
    }

    public record DepartmentLoad(String department, String name, long openTasks, Long oldestTaskAgeDays, long overdueTasks) {
    }

    public record ClosestToDeadline(String reference, String type, String site, String status, LocalDate answerDueDate,
                                    long daysLeft, String cockpitUrl) {
    }
}
