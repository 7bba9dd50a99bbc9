package org.dsrflow.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Upgrading a database that already holds processors' and recipients' links (V23 moves them into the
 * one token table): each link keeps its hash, expiry and use, belongs to its request and party, and the
 * old table is gone — on H2 (the embedded default) and on PostgreSQL (production).
 */
class ExternalPartyTokensMigrationTest {

    static final Instant ASKED = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant EXPIRES = Instant.parse("2026-04-01T10:00:00Z");
    static final Instant USED = Instant.parse("2026-03-05T09:00:00Z");

    @Test
    void partyLinksIssuedBeforeTheUpgradeMoveIntoTheTokenTableUnchangedOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v23-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        upgradeKeepsTheLinks(h2);
    }

    @Test
    void partyLinksIssuedBeforeTheUpgradeMoveIntoTheTokenTableUnchangedOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            upgradeKeepsTheLinks(postgres.getPostgresDatabase());
        }
    }

    private static void upgradeKeepsTheLinks(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("22").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                        insert into dsr_request (reference, type, site, language, channel, requester_name, requester_email,
                            categories, status, received_on, created_at)
                        values ('DSR-2026-000001', 'ERASURE', 'SE', 'sv', 'WEB', 'Anna', 'anna@example.com', 'contact',
                            'IN_PROGRESS', :received, :created)""")
                .param("received", java.sql.Date.valueOf("2026-03-02")).param("created", Timestamp.from(ASKED)).update();
        long request = jdbc.sql("select id from dsr_request").query(Long.class).single();
        for (String party : List.of("crm-provider", "hosting-partner")) {
            jdbc.sql("insert into dsr_external_task (request_id, party, categories, asked_at) values (:r, :p, 'contact', :a)")
                    .param("r", request).param("p", party).param("a", Timestamp.from(ASKED)).update();
        }
        long crm = jdbc.sql("select id from dsr_external_task where party = 'crm-provider'").query(Long.class).single();
        long hosting = jdbc.sql("select id from dsr_external_task where party = 'hosting-partner'").query(Long.class).single();
        jdbc.sql("insert into dsr_external_token (token_hash, task_id, expires_at, used_at) values ('hash-crm', :t, :e, :u)")
                .param("t", crm).param("e", Timestamp.from(EXPIRES)).param("u", Timestamp.from(USED)).update();
        jdbc.sql("insert into dsr_external_token (token_hash, task_id, expires_at) values ('hash-hosting', :t, :e)")
                .param("t", hosting).param("e", Timestamp.from(EXPIRES)).update();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        List<Map<String, Object>> moved = jdbc.sql("""
                        select token_hash, request_id, purpose, holder, created_at, expires_at, used_at
                        from dsr_token order by token_hash""").query().listOfRows();
        assertThat(moved).hasSize(2);
        assertThat(value(moved.get(0), "token_hash")).isEqualTo("hash-crm");
        assertThat(value(moved.get(0), "holder")).isEqualTo("crm-provider");
        assertThat(value(moved.get(0), "purpose")).isEqualTo("EXTERNAL_PARTY");
        assertThat(((Number) value(moved.get(0), "request_id")).longValue()).isEqualTo(request);
        assertThat(instant(value(moved.get(0), "expires_at"))).isEqualTo(EXPIRES);
        assertThat(instant(value(moved.get(0), "used_at"))).isEqualTo(USED);
        assertThat(instant(value(moved.get(0), "created_at"))).isEqualTo(ASKED);
        assertThat(value(moved.get(1), "token_hash")).isEqualTo("hash-hosting");
        assertThat(value(moved.get(1), "holder")).isEqualTo("hosting-partner");
        assertThat(value(moved.get(1), "used_at")).isNull();
        assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = 'dsr_external_token'")
                .query(Long.class).single()).isZero();
    }

    /** Column names come back upper-case from H2 and lower-case from PostgreSQL. */
    private static String key(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(name -> name.equalsIgnoreCase(column)).findFirst().orElse(column);
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.get(key(row, column));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new AssertionError("not a timestamp: " + value + " (" + (value == null ? null : value.getClass()) + ")");
    }
}
