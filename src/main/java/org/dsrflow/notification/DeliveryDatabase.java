package org.dsrflow.notification;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connections an email's own records are written through while the send task's job holds its
 * transaction open: the links, documents and attempt it refers to (committed before the SMTP call),
 * and "sent" (committed before the end-of-data marker, see {@link RecordingSmtpTransport}).
 * <p>Why a pool of its own: those writes must commit while the job's transaction, which holds one
 * connection of the main pool, is still open. Taking a second connection from the same pool is a
 * deadlock as soon as every job thread waits for one (the main pool is shared with web requests).
 * This pool is used only by job threads, one connection each at a time, and has one connection per
 * job thread, so it cannot starve. Same database and credentials as the main pool.
 */
@Component
public class DeliveryDatabase implements DisposableBean {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DeliveryDatabase(DataSource main, @Value("${camunda.bpm.job-execution.max-pool-size:10}") int jobThreads) {
        if (!(main instanceof HikariDataSource hikari)) {
            throw new IllegalStateException("dsr-flow expects the Hikari connection pool, found " + main.getClass().getName());
        }
        // Everything the main pool was configured with (schema, data-source properties such as SSL,
        // init SQL, time-outs); only its name and size differ.
        HikariConfig config = new HikariConfig();
        hikari.copyStateTo(config);
        config.setPoolName("dsr-delivery");
        config.setMaximumPoolSize(jobThreads + 1);
        config.setMinimumIdle(0);
        pool = new HikariDataSource(config);
        jdbc = JdbcClient.create(pool);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    /** Runs {@code work} in a transaction of its own on this pool, committed when it returns. */
    public <T> T inTransaction(Function<JdbcClient, T> work) {
        return transaction.execute(status -> work.apply(jdbc));
    }

    /** Single statements, each committed at once. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
