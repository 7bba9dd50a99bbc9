package org.dsrflow.sla;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.dsrflow.testsupport.OnPostgres;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link SlaFiguresTest} with the prod profile on real PostgreSQL 17 (embedded): the statistics
 * written with {@code on conflict}, and the migration run on a database of its own.
 */
@OnPostgres
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
