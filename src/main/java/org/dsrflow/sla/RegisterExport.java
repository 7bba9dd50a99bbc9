package org.dsrflow.sla;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dsrflow.support.Csv;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The register of requests for accountability (Art. 5(2)) as CSV: one line per request with its dates,
 * outcome and whether it was answered on time — no personal data of the requester. Streamed from the
 * database row by row, for the staff API and for the Cockpit dashboard's download alike.
 */
@Component
public class RegisterExport {

    public static final String HEADER = "reference,type,site,channel,received,confirmed,due,extended_to,answered,outcome,on_time";
    public static final String CONTENT_TYPE = "text/csv;charset=UTF-8";
    public static final String CONTENT_DISPOSITION = "attachment; filename=\"dsr-register.csv\"";

    private final JdbcTemplate rows;
    private final TransactionTemplate readOnly;

    RegisterExport(DataSource dataSource, PlatformTransactionManager transactions) {
        // Streamed from a cursor, a thousand rows at a time: a register of a million requests never sits in memory.
        this.rows = new JdbcTemplate(dataSource);
        this.rows.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Writes the header and every request's line to {@code out} (flushed, not closed). */
    public void write(Writer out) throws IOException {
        out.write(HEADER + "\n");
        readOnly.executeWithoutResult(status -> rows.query("""
                        select reference, type, site, channel, received_on, confirmed_at, due_date, extended_due_date,
                            answered_on, status, on_time
                        from dsr_request where reference is not null order by id""", (ResultSet rs) -> {
                    try {
                        out.write(line(rs));
                    } catch (IOException e) {
                        throw new SQLException("could not write the register", e);
                    }
                }));
        out.flush();
    }

    private static String line(ResultSet rs) throws SQLException {
        OffsetDateTime confirmed = rs.getObject("confirmed_at", OffsetDateTime.class);
        Object onTime = rs.getObject("on_time");
        // No free text today (references, codes, dates); every cell still passes Csv.cell, so a column added
        // later cannot carry a spreadsheet formula or break the line.
        return Stream.of(rs.getString("reference"), rs.getString("type"), rs.getString("site"),
                rs.getString("channel"), text(rs.getObject("received_on", LocalDate.class)),
                confirmed == null ? "" : confirmed.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString(),
                text(rs.getObject("due_date", LocalDate.class)), text(rs.getObject("extended_due_date", LocalDate.class)),
                text(rs.getObject("answered_on", LocalDate.class)), rs.getString("status"),
                onTime == null ? "" : String.valueOf(rs.getBoolean("on_time")))
                .map(Csv::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
