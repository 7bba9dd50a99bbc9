package org.dsrflow.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Nodes that start at the same moment on one database take turns: the database migrations, the
 * engine's schema creation, the deployment of the BPMN files and the set-up of groups, users and
 * authorizations run on one node at a time, under a PostgreSQL advisory lock taken before the
 * migrations and released when the application context is ready. (On H2, one process owns the
 * database, so there is nothing to wait for.)
 */
@Component
class StartupLock implements FlywayMigrationStrategy, ApplicationListener<ContextRefreshedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** Any constant: the key of dsr-flow's start-up lock in PostgreSQL's advisory lock space. */
    static final long KEY = 0x647372_666C6F77L;

    private final DataSource dataSource;
    private Connection holder;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void migrate(Flyway flyway) {
        acquire();
        flyway.migrate();
    }

    private synchronized void acquire() {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            long waited = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_lock(" + KEY + ")");
            }
            holder = connection;
            log.info("Start-up lock taken after {} ms", (System.nanoTime() - waited) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the start-up lock on the database", e);
        }
    }

    @Override
    public synchronized void onApplicationEvent(ContextRefreshedEvent event) {
        if (holder == null) {
            return;
        }
        try (Connection connection = holder; Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock; it ends with its connection", e);
        } finally {
            holder = null;
        }
    }
}
