package org.dsrflow.sla;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.security.StaffAccess;
import org.dsrflow.support.Csv;
import org.dsrflow.security.StaffGroups;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register of requests for accountability (Art. 5(2)): one line per request with its dates,
 * outcome and whether it was answered on time — no personal data of the requester. Streamed from
 * the database row by row.
 */
@RestController
class RegisterController {

    static final String HEADER = "reference,type,site,channel,received,confirmed,due,extended_to,answered,outcome,on_time";

    private final JdbcTemplate rows;
    private final TransactionTemplate readOnly;
    private final StaffAccess access;

    RegisterController(DataSource dataSource, PlatformTransactionManager transactions, StaffAccess access) {
        // Streamed from a cursor, a thousand rows at a time: a register of a million requests never sits in memory.
        this.rows = new JdbcTemplate(dataSource);
        this.rows.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.access = access;
    }

    @GetMapping("/api/staff/register.csv")
    void export(HttpServletResponse response) throws IOException {
        access.requireAnyGroup(StaffGroups.PRIVACY, StaffGroups.MANAGERS);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"dsr-register.csv\"");
        Writer out = response.getWriter();
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
        return java.util.stream.Stream.of(rs.getString("reference"), rs.getString("type"), rs.getString("site"),
                rs.getString("channel"), text(rs.getObject("received_on", LocalDate.class)),
                confirmed == null ? "" : confirmed.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString(),
                text(rs.getObject("due_date", LocalDate.class)), text(rs.getObject("extended_due_date", LocalDate.class)),
                text(rs.getObject("answered_on", LocalDate.class)), rs.getString("status"),
                onTime == null ? "" : String.valueOf(rs.getBoolean("on_time")))
                .map(Csv::cell).collect(java.util.stream.Collectors.joining(",")) + "\n";
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
