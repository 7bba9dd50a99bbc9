package org.dsrflow.sla;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Prints how long the SLA figures take on PostgreSQL 17 with a large history. Not part of the
 * normal suite; run it with:
 * {@code ./mvnw test -Dtest=SlaQueryBenchmark -Dbenchmark=true -Dsla.rows=200000}
 */
@SpringBootTest(properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@ActiveProfiles({"prod", "it"})
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SlaQueryBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SlaQueryBenchmark.class);

    @Autowired
    SlaService sla;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void slaFiguresOnALargeHistory() {
        int rows = Integer.getInteger("sla.rows", 200_000);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String[] statuses = {"ANSWERED", "ANSWERED", "ANSWERED", "REFUSED", "CLOSED_UNCONFIRMED", "IN_PROGRESS", "IN_REVIEW"};
        long seedStart = System.nanoTime();
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String status = statuses[i % statuses.length];
            LocalDate received = today.minusDays(i % 1000);
            boolean answered = status.equals("ANSWERED") || status.equals("REFUSED");
            int days = 5 + i % 40;
            batch.add(new Object[] {status, received, OffsetDateTime.of(received.atStartOfDay(), ZoneOffset.UTC),
                received.plusMonths(1), answered ? received.plusDays(days) : null, answered ? days : null,
                answered ? days <= 30 : null});
            if (batch.size() == 5_000 || i == rows - 1) {
                jdbc.batchUpdate("""
                        insert into dsr_request (type, site, language, channel, requester_name, requester_email, categories,
                            status, received_on, created_at, due_date, answered_on, days_to_answer, on_time)
                        values ('ACCESS', 'SE', 'en', 'WEB', 'x', 'x@example.com', 'contact', ?, ?, ?, ?, ?, ?, ?)""", batch);
                batch.clear();
            }
        }
        jdbc.execute("analyze dsr_request");
        log.info("SLA benchmark: seeded {} requests in {} ms", rows, (System.nanoTime() - seedStart) / 1_000_000);
        for (int warmup = 0; warmup < 3; warmup++) {
            sla.figures();
        }
        int runs = 20;
        long[] millis = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            SlaFigures figures = sla.figures();
            millis[run] = (System.nanoTime() - start) / 1_000_000;
            if (run == 0) {
                log.info("SLA benchmark: open {}, overdue {}, answered last 365 days {}", figures.open(), figures.overdue(),
                        figures.closedOnTime().get(2).answered());
            }
        }
        java.util.Arrays.sort(millis);
        String result = "SLA benchmark: " + rows + " requests on PostgreSQL 17: figures() median " + millis[runs / 2]
                + " ms, max " + millis[runs - 1] + " ms over " + runs + " runs";
        log.info(result);
        System.out.println(result);
    }
}
