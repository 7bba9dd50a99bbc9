package org.dsrflow.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.PublicLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the SLA figures on the database: counts and percentiles in SQL over the request table
 * (with its answer read model), task counts through Camunda's task queries. Nothing loads every
 * request. "Today" is the UTC date; a request's dates are dates of its site.
 */
@Service
public class SlaService {

    /** The open statuses by name: a list the status index serves (closed requests are the many). */
    static final String OPEN = "status in (" + java.util.Arrays.stream(org.dsrflow.request.RequestStatus.values())
            .filter(status -> !status.isClosed()).map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ")) + ")";
    static final String ANSWER_DUE = "coalesce(extended_due_date, due_date)";

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final DsrProperties properties;
    private final Clock clock;
    private final PublicLinks links;

    SlaService(JdbcClient jdbc, TaskService tasks, DsrProperties properties, Clock clock, PublicLinks links) {
        this.links = links;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.properties = properties;
        this.clock = clock;
    }

    public SlaFigures figures() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, Long> byStage = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) as n from dsr_request where " + OPEN + " group by status order by status")
                .query((rs, row) -> byStage.put(rs.getString("status"), rs.getLong("n"))).list();
        // Answers of the last year from the statistics table (a row per day, days taken and on time).
        List<long[]> answers = jdbc.sql("""
                        select answered_on, days_to_answer, on_time, requests from dsr_answer_stats where answered_on > :since""")
                .param("since", today.minusDays(365))
                .query((rs, row) -> new long[] {rs.getObject("answered_on", LocalDate.class).toEpochDay(),
                        rs.getLong("days_to_answer"), rs.getBoolean("on_time") ? 1 : 0, rs.getLong("requests")})
                .list();
        List<SlaFigures.Period> periods = List.of(period(today, 30, answers), period(today, 90, answers),
                period(today, 365, answers));
        Map<String, Object> percentiles = new java.util.HashMap<>();
        percentiles.put("median", percentile(answers, 0.5));
        percentiles.put("p90", percentile(answers, 0.9));
        return new SlaFigures(today, byStage, openCount(), dueSoon(today), overdue(today), periods,
                number(percentiles.get("median")), number(percentiles.get("p90")), departments(today),
                closestToDeadline(today));
    }

    public long openCount() {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN).query(Long.class).single();
    }

    public long dueSoon(LocalDate today) {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN + " and " + ANSWER_DUE + " between :today and :limit")
                .param("today", today).param("limit", today.plusDays(7)).query(Long.class).single();
    }

    public long overdue(LocalDate today) {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN + " and (overdue = true or " + ANSWER_DUE + " < :today)")
                .param("today", today).query(Long.class).single();
    }

    public SlaFigures.Period period(LocalDate today, int days) {
        return period(today, days, jdbc.sql("""
                        select answered_on, days_to_answer, on_time, requests from dsr_answer_stats where answered_on > :since""")
                .param("since", today.minusDays(days))
                .query((rs, row) -> new long[] {rs.getObject("answered_on", LocalDate.class).toEpochDay(),
                        rs.getLong("days_to_answer"), rs.getBoolean("on_time") ? 1 : 0, rs.getLong("requests")})
                .list());
    }

    /** Requests answered in the {@code days} before today, and how many on time, from [day, days taken, on time, requests] rows. */
    private static SlaFigures.Period period(LocalDate today, int days, List<long[]> answers) {
        long since = today.minusDays(days).toEpochDay();
        long answered = 0;
        long onTime = 0;
        for (long[] row : answers) {
            if (row[0] > since) {
                answered += row[3];
                onTime += row[2] == 1 ? row[3] : 0;
            }
        }
        Double percent = answered == 0 ? null : Math.round(1000.0 * onTime / answered) / 10.0;
        return new SlaFigures.Period(days, answered, onTime, percent);
    }

    /** SQL's percentile_cont over the days taken, from counts per number of days. */
    static Double percentile(List<long[]> answers, double fraction) {
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        answers.forEach(row -> counts.merge(row[1], row[3], Long::sum));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long lower = (long) Math.floor(position);
        double lowerValue = valueAt(counts, lower);
        double upperValue = valueAt(counts, (long) Math.ceil(position));
        return lowerValue + (position - lower) * (upperValue - lowerValue);
    }

    private static double valueAt(java.util.TreeMap<Long, Long> counts, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (rank < seen) {
                return entry.getKey();
            }
        }
        return counts.lastKey();
    }

    private List<SlaFigures.DepartmentLoad> departments(LocalDate today) {
        Date now = Date.from(clock.instant());
        List<SlaFigures.DepartmentLoad> loads = new ArrayList<>();
        properties.organisation().departments().forEach((group, department) -> {
            long open = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count();
            List<Task> oldest = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
                    .orderByTaskCreateTime().asc().listPage(0, 1);
            Long age = oldest.isEmpty() ? null
                    : Duration.between(oldest.get(0).getCreateTime().toInstant(), now.toInstant()).toDays();
            long overdueTasks = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().dueBefore(now).count();
            loads.add(new SlaFigures.DepartmentLoad(group, department.name().in(properties.organisation().staffLanguage()), open, age, overdueTasks));
        });
        return loads;
    }

    private List<SlaFigures.ClosestToDeadline> closestToDeadline(LocalDate today) {
        return jdbc.sql("select reference, type, site, status, process_instance_id, " + ANSWER_DUE + " as answer_due"
                        + " from dsr_request where " + OPEN + " and " + ANSWER_DUE + " is not null"
                        + " order by " + ANSWER_DUE + ", id fetch first 10 rows only")
                .query((rs, row) -> {
                    LocalDate due = rs.getObject("answer_due", LocalDate.class);
                    return new SlaFigures.ClosestToDeadline(rs.getString("reference"), rs.getString("type"),
                            rs.getString("site"), rs.getString("status"), due, ChronoUnit.DAYS.between(today, due),
                            links.to("/camunda/app/cockpit/default/#/process-instance/"
                                    + rs.getString("process_instance_id") + "/runtime"));
                })
                .list();
    }

    private static Double number(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10.0) / 10.0;
    }
}
