package org.dsrflow.connectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dsrflow.config.DsrProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL systems: one small pool each (at most two connections, created at first use and closed with the
 * application), searches in read-only transactions, an action's statements in one transaction. Parameters are
 * bound by NamedParameterJdbcTemplate only; no statement is ever built from values.
 */
final class SqlConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqlConnector.class);
    /** Databases that accept SET TRANSACTION READ ONLY (H2, SQL Server and others do not: there only a read-only user protects). */
    private static final Set<String> READ_ONLY_TRANSACTIONS = Set.of("postgresql", "mysql", "mariadb", "oracle");
    private static final int FETCH_SIZE = 100;

    private final EnvironmentValues environment;
    /** By system (id and settings): a system whose settings differ (a test's, a reloaded register) gets a pool of its own. */
    private final Map<DataSystem, Pool> pools = new ConcurrentHashMap<>();

    SqlConnector(EnvironmentValues environment) {
        this.environment = environment;
    }

    SearchResult search(DataSystem system, String category, DsrProperties.Step search, Identity identity) {
        Pool pool = pool(system);
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        Bindings.identity(system, search, identity, "search").forEach(parameters::addValue);
        RowCollector collector = new RowCollector(system.maxRows(), system.maxBytes());
        ResultSetExtractor<Void> extractor = rs -> {
            while (rs.next() && collector.add(SqlValues.row(rs))) {
                // collects until the end or a cap
            }
            return null;
        };
        try {
            pool.readOnly.executeWithoutResult(status -> pool.search.query(search.sql(), parameters, extractor));
        } catch (RuntimeException e) {
            throw new ConnectorException(system.id(), Failures.of(e, system.timeout(), "search"));
        }
        return new SearchResult(system.id(), category, collector.rows(), collector.truncated());
    }

    List<String> preview(List<DsrProperties.Step> steps, int rows) {
        List<String> lines = new ArrayList<>();
        for (DsrProperties.Step step : steps) {
            lines.add(step.sql().strip() + "  [runs " + (rows == 1 ? "once" : rows + " times") + ", once per confirmed row]");
        }
        return lines;
    }

    /** Every statement for every row, in one transaction: all or nothing. */
    ActionResult act(DataSystem system, String category, Operation operation, List<DsrProperties.Step> steps, Identity identity,
                     List<Map<String, Object>> rows, Map<String, String> values) {
        Pool pool = pool(system);
        String[] current = {null};
        try {
            Long affected = pool.readWrite.execute(status -> {
                long sum = 0;
                for (Map<String, Object> row : rows) {
                    for (int index = 0; index < steps.size(); index++) {
                        String name = operation.name().toLowerCase(Locale.ROOT) + "[" + index + "]";
                        current[0] = name;
                        DsrProperties.Step step = steps.get(index);
                        MapSqlParameterSource parameters = new MapSqlParameterSource();
                        Bindings.all(system, step, identity, row, values, name).forEach(parameters::addValue);
                        sum += pool.act.update(step.sql(), parameters);
                    }
                }
                return sum;
            });
            return new ActionResult(system.id(), category, operation, affected == null ? 0 : affected, List.of());
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectorException(system.id(), Failures.of(e, system.timeout(), current[0]));
        }
    }

    private Pool pool(DataSystem system) {
        return pools.computeIfAbsent(system, key -> new Pool(system, environment));
    }

    @Override
    public void close() {
        pools.values().forEach(pool -> pool.dataSource.close());
        pools.clear();
    }

    /** One system's connections, templates and transactions. */
    private static final class Pool {

        final HikariDataSource dataSource;
        final NamedParameterJdbcTemplate search;
        final NamedParameterJdbcTemplate act;
        final TransactionTemplate readOnly;
        final TransactionTemplate readWrite;

        Pool(DataSystem system, EnvironmentValues environment) {
            DsrProperties.SqlConnection sql = system.settings().sql();
            HikariConfig config = new HikariConfig();
            config.setPoolName("dsr-system-" + system.id());
            config.setJdbcUrl(environment.required(system, sql.urlEnv()));
            if (sql.usernameEnv() != null) {
                config.setUsername(environment.required(system, sql.usernameEnv()));
            }
            if (sql.passwordEnv() != null) {
                config.setPassword(environment.required(system, sql.passwordEnv()));
            }
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(Math.max(250, system.timeout().toMillis()));
            config.setInitializationFailTimeout(-1); // never connect while starting: a system that is down is met at first use
            config.setAutoCommit(false);
            try {
                dataSource = new HikariDataSource(config);
            } catch (RuntimeException e) { // e.g. no driver for the URL; the message would quote the URL
                throw new ConnectorException(system.id(), "cannot use the JDBC URL in " + sql.urlEnv()
                        + " (" + e.getClass().getSimpleName() + "; is its driver on the class path?)");
            }
            int seconds = (int) Math.max(1, (system.timeout().toMillis() + 999) / 1000);
            JdbcTemplate reading = new JdbcTemplate(dataSource);
            reading.setQueryTimeout(seconds);
            reading.setFetchSize(FETCH_SIZE);
            reading.setMaxRows(system.maxRows() + 1); // one more than fits, to know that the result is truncated
            JdbcTemplate writing = new JdbcTemplate(dataSource);
            writing.setQueryTimeout(seconds);
            search = new NamedParameterJdbcTemplate(reading);
            act = new NamedParameterJdbcTemplate(writing);
            ReadOnlyTransactions transactions = new ReadOnlyTransactions(dataSource, system.id());
            readOnly = new TransactionTemplate(transactions);
            readOnly.setReadOnly(true);
            readWrite = new TransactionTemplate(transactions);
            readWrite.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }
    }

    /**
     * A read-only transaction that the database enforces where it can (SET TRANSACTION READ ONLY after the
     * driver's read-only flag); where it cannot, a warning says so once and the search relies on the
     * start-up check (one SELECT or WITH statement) and on the database user's rights.
     */
    private static final class ReadOnlyTransactions extends DataSourceTransactionManager {

        private final String systemId;
        private volatile Boolean enforceable;

        ReadOnlyTransactions(HikariDataSource dataSource, String systemId) {
            super(dataSource);
            this.systemId = systemId;
        }

        @Override
        protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
            if (!definition.isReadOnly()) {
                return;
            }
            if (enforceable == null) {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                enforceable = READ_ONLY_TRANSACTIONS.stream().anyMatch(product::contains);
                if (!enforceable) {
                    log.warn("System {}: the database ({}) cannot enforce a read-only transaction; give dsr-flow a database user"
                            + " that may only read for searches, or keep the searches to one SELECT", systemId, product);
                }
            }
            if (enforceable) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("SET TRANSACTION READ ONLY");
                }
            }
        }
    }
}
