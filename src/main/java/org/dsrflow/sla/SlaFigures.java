package org.dsrflow.sla;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures a manager needs to see whether the organisation keeps its deadlines. Codes (types,
 * stages, sites, departments) come with the words staff read: the dashboard shows only the words.
 */
public record SlaFigures(
        LocalDate today,
        Map<String, Long> openByStage,
        List<Stage> stages,
        long open,
        long dueWithinSevenDays,
        long overdue,
        List<Period> closedOnTime,
        Double medianDaysToAnswer,
        Double p90DaysToAnswer,
        List<Week> byWeek,
        List<DueWeek> openByDueWeek,
        List<TypeFigures> byType,
        List<DepartmentLoad> departments,
        List<ClosestToDeadline> closestToDeadline,
        List<Bounced> bounced) {

    /**
     * A request with emails that bounced: open, or whose answer or refusal bounced (not delivered, whatever the
     * answer figures say). Reference, counts and kinds: no address.
     */
    public record Bounced(String reference, long emails, boolean answerBounced, String cockpitUrl) {
    }

    /** An open stage (every one, in the order a request goes through them) and how many requests are in it. */
    public record Stage(String stage, String label, long open) {
    }

    /** Requests answered (or refused) in the last {@code days} days, and how many within their deadline. */
    public record Period(int days, long answered, long onTime, Double onTimePercent) {
    }

    /** One ISO week (Monday to Sunday, {@code week} e.g. "2026-W25"): answers within their deadline and late. */
    public record Week(String week, String label, LocalDate from, LocalDate to, long onTime, long late) {
    }

    /**
     * Open requests by when they are due: {@code key} "overdue" (past the deadline), an ISO week (this
     * week and the next ones) or "later" (after the last of those weeks, {@code from} on).
     */
    public record DueWeek(String key, String label, LocalDate from, LocalDate to, long open) {
    }

    /**
     * One request type's figures (a row for every {@code RequestType}, also without requests): open,
     * due within 7 days, overdue, answered on time per period, median days to answer in the last year.
     */
    public record TypeFigures(String type, String label, long open, long dueWithinSevenDays, long overdue,
                              List<Period> closedOnTime, Double medianDaysToAnswer) {
    }

    public record DepartmentLoad(String department, String name, long openTasks, Long oldestTaskAgeDays, long overdueTasks) {
    }

    public record ClosestToDeadline(String reference, String type, String typeLabel, String site, String siteName,
                                    String status, String stageLabel, LocalDate answerDueDate, long daysLeft,
                                    String cockpitUrl) {
    }
}
