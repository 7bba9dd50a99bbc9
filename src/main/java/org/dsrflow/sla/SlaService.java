package org.dsrflow.sla;

import org.dsrflow.request.StaffLabels;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.process.RequestTasks;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.PublicLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the SLA figures on the database: open requests counted per type over the request table's
 * open rows, answers from the statistics table (per day, days taken, on time and type), task counts
 * through Camunda's task queries. Nothing loads every request; the figures of all types are the sums
 * of the per-type rows. "Today" is the UTC date; a request's dates are dates of its site.
 */
@Service
public class SlaService {

    /** The open statuses by name: a list the status index serves (closed requests are the many). */
    static final String OPEN = "status in (" + java.util.Arrays.stream(org.dsrflow.request.RequestStatus.values())
            .filter(status -> !status.isClosed()).map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ")) + ")";
    static final String ANSWER_DUE = "coalesce(extended_due_date, due_date)";
    static final String DUE_SOON = ANSWER_DUE + " between :today and :limit";
    static final String OVERDUE = "(overdue = true or " + ANSWER_DUE + " < :today)";
    /** The periods of the answered figures, in days before today. */
    static final int[] PERIODS = {30, 90, 365};
    /** The answered figures per ISO week: this week and the eleven before it. */
    static final int WEEKS = 12;
    /** Open requests by due week: overdue, this week, the next five (the one-month deadline), later. */
    static final int DUE_WEEKS_AHEAD = 5;

    private final JdbcClient jdbc;
    private final RequestTasks tasks;
    private final DsrProperties properties;
    private final Clock clock;
    private final PublicLinks links;
    private final StaffLabels labels;

    SlaService(JdbcClient jdbc, RequestTasks tasks, DsrProperties properties, Clock clock, PublicLinks links, StaffLabels labels) {
        this.links = links;
        this.labels = labels;
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
        List<OpenCounts> open = openByType(today);
        List<Answers> answers = answersByType(today);
        List<SlaFigures.TypeFigures> byType = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            List<OpenCounts> openOfType = open.stream().filter(row -> row.type().equals(type.name())).toList();
            List<Answers> answersOfType = answers.stream().filter(row -> row.type().equals(type.name())).toList();
            byType.add(new SlaFigures.TypeFigures(type.name(), labels.typeWithArticle(type.name()), sum(openOfType, OpenCounts::open),
                    sum(openOfType, OpenCounts::dueSoon), sum(openOfType, OpenCounts::overdue), periods(answersOfType),
                    number(percentile(answersOfType, 0.5))));
        }
        List<SlaFigures.Stage> stages = java.util.Arrays.stream(RequestStatus.values()).filter(status -> !status.isClosed())
                .map(status -> new SlaFigures.Stage(status.name(), labels.stage(status.name()), byStage.getOrDefault(status.name(), 0L)))
                .toList();
        return new SlaFigures(today, byStage, stages, sum(open, OpenCounts::open), sum(open, OpenCounts::dueSoon),
                sum(open, OpenCounts::overdue), periods(answers), number(percentile(answers, 0.5)),
                number(percentile(answers, 0.9)), byWeek(today), openByDueWeek(today), byType, departments(today),
                closestToDeadline(today), bounced());
    }

    /**
     * Requests whose emails bounced (issue 25): every open one, and closed ones whose answer or refusal bounced; the
     * latest bounce first, at most 20. Read from the correspondence log in SQL (this room does not use the delivery's).
     */
    private List<SlaFigures.Bounced> bounced() {
        return jdbc.sql("""
                        select r.reference, r.process_instance_id, count(*) as emails,
                            sum(case when c.kind in ('RESPONSE', 'REFUSAL') then 1 else 0 end) as answers, max(c.bounced_at) as latest
                        from dsr_correspondence c join dsr_request r on r.id = c.request_id
                        where c.status = 'BOUNCED' and (c.kind in ('RESPONSE', 'REFUSAL') or r.id in (select id from dsr_request where """
                        + " " + OPEN + """
                        )) group by r.reference, r.process_instance_id order by latest desc fetch first 20 rows only""")
                .query((rs, row) -> new SlaFigures.Bounced(rs.getString("reference"), rs.getLong("emails"), rs.getLong("answers") > 0,
                        links.to("/camunda/app/cockpit/default/#/process-instance/" + rs.getString("process_instance_id") + "/runtime")))
                .list();
    }

    public long openCount() {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN).query(Long.class).single();
    }

    public long dueSoon(LocalDate today) {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN + " and " + DUE_SOON)
                .param("today", today).param("limit", today.plusDays(7)).query(Long.class).single();
    }

    public long overdue(LocalDate today) {
        return jdbc.sql("select count(*) from dsr_request where " + OPEN + " and " + OVERDUE)
                .param("today", today).query(Long.class).single();
    }

    public SlaFigures.Period period(LocalDate today, int days) {
        return jdbc.sql("""
                        select coalesce(sum(requests), 0) as answered,
                            coalesce(sum(case when on_time = true then requests else 0 end), 0) as on_time
                        from dsr_answer_stats where answered_on > :since""")
                .param("since", today.minusDays(days))
                .query((rs, row) -> period(days, rs.getLong("answered"), rs.getLong("on_time")))
                .single();
    }

    /** Open requests of one type: how many, how many due within 7 days, how many overdue. */
    private record OpenCounts(String type, long open, long dueSoon, long overdue) {
    }

    /** Answers of one type that took the same number of days: per period of {@link #PERIODS}, how many and how many on time. */
    private record Answers(String type, long days, long[] answered, long[] onTime) {
    }

    /** The open requests per type in one query (the status index serves it: open requests are the few). */
    private List<OpenCounts> openByType(LocalDate today) {
        return jdbc.sql("select type, count(*) as open,"
                        + " sum(case when " + DUE_SOON + " then 1 else 0 end) as due_soon,"
                        + " sum(case when " + OVERDUE + " then 1 else 0 end) as overdue"
                        + " from dsr_request where " + OPEN + " group by type")
                .param("today", today).param("limit", today.plusDays(7))
                .query((rs, row) -> new OpenCounts(rs.getString("type"), rs.getLong("open"), rs.getLong("due_soon"),
                        rs.getLong("overdue")))
                .list();
    }

    /**
     * The answers of the last year per type and days taken, counted per period, in one query on the
     * statistics table (a few hundred rows however many requests were answered).
     */
    private List<Answers> answersByType(LocalDate today) {
        StringBuilder sql = new StringBuilder("select type, days_to_answer");
        for (int days : PERIODS) {
            sql.append(", sum(case when answered_on > :since").append(days).append(" then requests else 0 end) as answered_").append(days)
                    .append(", sum(case when answered_on > :since").append(days)
                    .append(" and on_time = true then requests else 0 end) as on_time_").append(days);
        }
        int longest = PERIODS[PERIODS.length - 1];
        sql.append(" from dsr_answer_stats where answered_on > :since").append(longest).append(" group by type, days_to_answer");
        var statement = jdbc.sql(sql.toString());
        for (int days : PERIODS) {
            statement = statement.param("since" + days, today.minusDays(days));
        }
        return statement.query((rs, row) -> {
            long[] answered = new long[PERIODS.length];
            long[] onTime = new long[PERIODS.length];
            for (int i = 0; i < PERIODS.length; i++) {
                answered[i] = rs.getLong("answered_" + PERIODS[i]);
                onTime[i] = rs.getLong("on_time_" + PERIODS[i]);
            }
            return new Answers(rs.getString("type"), rs.getLong("days_to_answer"), answered, onTime);
        }).list();
    }

    /**
     * Answers on time and late per ISO week, this week and the {@link #WEEKS} - 1 before it, in one query
     * on the statistics table (a few thousand rows at most). Each answer day is placed in its week by
     * comparing it with the weeks' Mondays, which reads the same on H2 and PostgreSQL (no week functions).
     */
    private List<SlaFigures.Week> byWeek(LocalDate today) {
        LocalDate first = monday(today).minusWeeks(WEEKS - 1);
        StringBuilder week = new StringBuilder("case");
        for (int i = WEEKS - 1; i > 0; i--) {
            week.append(" when answered_on >= :monday").append(i).append(" then ").append(i);
        }
        week.append(" else 0 end");
        var statement = jdbc.sql("select week, sum(case when on_time = true then requests else 0 end) as on_time,"
                        + " sum(case when on_time = true then 0 else requests end) as late"
                        + " from (select " + week + " as week, on_time, requests from dsr_answer_stats"
                        + " where answered_on between :first and :last) answers group by week")
                .param("first", first).param("last", first.plusWeeks(WEEKS).minusDays(1));
        for (int i = 1; i < WEEKS; i++) {
            statement = statement.param("monday" + i, first.plusWeeks(i));
        }
        long[] onTime = new long[WEEKS];
        long[] late = new long[WEEKS];
        statement.query((rs, row) -> {
            int index = rs.getInt("week");
            onTime[index] = rs.getLong("on_time");
            late[index] = rs.getLong("late");
            return index;
        }).list();
        List<SlaFigures.Week> weeks = new ArrayList<>();
        for (int i = 0; i < WEEKS; i++) {
            LocalDate monday = first.plusWeeks(i);
            weeks.add(new SlaFigures.Week(isoWeek(monday), "W" + monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), monday,
                    monday.plusDays(6), onTime[i], late[i]));
        }
        return weeks;
    }

    /**
     * Open requests by when they are due, in one query over the open rows (the status index serves it):
     * overdue (as everywhere here: flagged, or the answer date passed), this week from today, each of the
     * next {@link #DUE_WEEKS_AHEAD} weeks, later. A request without a due date counts in none.
     */
    private List<SlaFigures.DueWeek> openByDueWeek(LocalDate today) {
        LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        StringBuilder bucket = new StringBuilder("case when " + OVERDUE + " then 0");
        for (int i = 0; i <= DUE_WEEKS_AHEAD; i++) {
            bucket.append(" when ").append(ANSWER_DUE).append(" <= :sunday").append(i).append(" then ").append(i + 1);
        }
        bucket.append(" when ").append(ANSWER_DUE).append(" is not null then ").append(DUE_WEEKS_AHEAD + 2).append(" end");
        var statement = jdbc.sql("select bucket, count(*) as n from (select " + bucket + " as bucket from dsr_request where "
                        + OPEN + ") due group by bucket")
                .param("today", today);
        for (int i = 0; i <= DUE_WEEKS_AHEAD; i++) {
            statement = statement.param("sunday" + i, sunday.plusWeeks(i));
        }
        long[] open = new long[DUE_WEEKS_AHEAD + 3];
        statement.query((rs, row) -> {
            int index = rs.getInt("bucket");
            if (!rs.wasNull()) {
                open[index] = rs.getLong("n");
            }
            return index;
        }).list();
        List<SlaFigures.DueWeek> buckets = new ArrayList<>();
        buckets.add(new SlaFigures.DueWeek("overdue", labels.text("staff.sla.due.overdue"), null, null, open[0]));
        for (int i = 0; i <= DUE_WEEKS_AHEAD; i++) {
            LocalDate monday = sunday.plusWeeks(i).minusDays(6);
            String label = switch (i) {
                case 0 -> labels.text("staff.sla.due.this-week");
                case 1 -> labels.text("staff.sla.due.next-week");
                default -> "W" + monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            };
            buckets.add(new SlaFigures.DueWeek(isoWeek(monday), label, i == 0 ? today : monday, sunday.plusWeeks(i), open[i + 1]));
        }
        buckets.add(new SlaFigures.DueWeek("later", labels.text("staff.sla.due.later"),
                sunday.plusWeeks(DUE_WEEKS_AHEAD).plusDays(1), null, open[DUE_WEEKS_AHEAD + 2]));
        return buckets;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static List<SlaFigures.Period> periods(List<Answers> answers) {
        List<SlaFigures.Period> periods = new ArrayList<>();
        for (int i = 0; i < PERIODS.length; i++) {
            int index = i;
            periods.add(period(PERIODS[i], answers.stream().mapToLong(row -> row.answered()[index]).sum(),
                    answers.stream().mapToLong(row -> row.onTime()[index]).sum()));
        }
        return periods;
    }

    private static SlaFigures.Period period(int days, long answered, long onTime) {
        Double percent = answered == 0 ? null : Math.round(1000.0 * onTime / answered) / 10.0;
        return new SlaFigures.Period(days, answered, onTime, percent);
    }

    private static <T> long sum(List<T> rows, java.util.function.ToLongFunction<T> figure) {
        return rows.stream().mapToLong(figure).sum();
    }

    /** SQL's percentile_cont over the days taken by the answers of the longest period, from counts per number of days. */
    private static Double percentile(List<Answers> answers, double fraction) {
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        answers.forEach(row -> counts.merge(row.days(), row.answered()[PERIODS.length - 1], Long::sum));
        counts.values().removeIf(count -> count == 0);
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
        properties.organisation().departments().keySet().forEach(group -> {
            RequestTasks.Load load = tasks.load(group, now);
            Long age = load.oldestCreated() == null ? null : Duration.between(load.oldestCreated(), now.toInstant()).toDays();
            loads.add(new SlaFigures.DepartmentLoad(group, labels.department(group), load.open(), age, load.overdue()));
        });
        return loads;
    }

    private List<SlaFigures.ClosestToDeadline> closestToDeadline(LocalDate today) {
        return jdbc.sql("select reference, type, site, status, process_instance_id, " + ANSWER_DUE + " as answer_due"
                        + " from dsr_request where " + OPEN + " and " + ANSWER_DUE + " is not null"
                        + " order by " + ANSWER_DUE + ", id fetch first 10 rows only")
                .query((rs, row) -> {
                    LocalDate due = rs.getObject("answer_due", LocalDate.class);
                    String type = rs.getString("type");
                    String site = rs.getString("site");
                    String status = rs.getString("status");
                    return new SlaFigures.ClosestToDeadline(rs.getString("reference"), type, labels.typeWithArticle(type), site,
                            labels.site(site), status, labels.stage(status), due, ChronoUnit.DAYS.between(today, due),
                            links.to("/camunda/app/cockpit/default/#/process-instance/"
                                    + rs.getString("process_instance_id") + "/runtime"));
                })
                .list();
    }

    private static Double number(Double value) {
        return value == null ? null : Math.round(value * 10.0) / 10.0;
    }
}
