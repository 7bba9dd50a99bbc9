package org.dsrflow.sla;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link SlaFiguresTest} with the prod profile on real PostgreSQL 17 (embedded): the statistics
 * written with {@code on conflict}, and the migration run on a database of its own.
 */
// Not inherited: after SlaFiguresTest's "it" the order would be it, prod, and application-prod.yaml's https-only
// cookies would win over config/application-it.yaml, so no session of the test's plain-http client could log in.
@ActiveProfiles(value = {"prod", "it"}, inheritProfiles = false)
@Import(EmbeddedPostgresConfig.class)
@TestPropertySource(locations = "classpath:prod-over-local-http.properties")
class SlaFiguresOnPostgresTest extends SlaFiguresTest {

    @Autowired
    EmbeddedPostgres postgres;

    @Override
    DataSource emptyDatabase() throws Exception {
        String name = "sla_migration_" + System.nanoTime();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return postgres.getDatabase("postgres", name);
    }
}
