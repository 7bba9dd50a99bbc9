package org.dsrflow.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;

/**
 * What a test class finds in an application context it shares with the classes before it: the state
 * the context had when it had started. The database (every table of the schema: the engine's
 * deployments, users, authorizations and filters, dsr-flow's rows, identity counters) is read once
 * right after the start and written back before each later class, on H2 and on PostgreSQL; the
 * per-address records the application keeps in memory (public rate limits, the log-in throttle) are
 * forgotten and their limits are the configured ones again ({@link PublicLimits}); the engine clock
 * is real time and no user is authenticated on the test thread.
 */
final class FreshState {

    private static final Logger log = LoggerFactory.getLogger(FreshState.class);

    private final List<Table> tables;

    private FreshState(List<Table> tables) {
        this.tables = tables;
    }

    static FreshState capture(ApplicationContext context) {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            List<Table> tables = new ArrayList<>();
            for (String name : tableNames(connection)) {
                tables.add(Table.read(connection, name));
            }
            return new FreshState(tables);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database of the fresh context", e);
        }
    }

    void restore(ApplicationContext context) {
        long started = System.nanoTime();
        ClockUtil.reset();
        context.getBean(IdentityService.class).clearAuthentication();
        forgetPerAddressRecords(context);
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    // Foreign keys are triggers on PostgreSQL: off for this session while the rows go back.
                    statement.execute("set session_replication_role = replica");
                    statement.execute("truncate " + String.join(", ", tables.stream().map(table -> quote(table.name)).toList()));
                } else {
                    statement.execute("set referential_integrity false");
                    for (Table table : tables) {
                        statement.execute("truncate table " + quote(table.name));
                    }
                }
                for (Table table : tables) {
                    table.write(connection);
                }
                for (Table table : tables) {
                    if (table.identity != null) {
                        statement.execute("alter table " + quote(table.name) + " alter column " + quote(table.identity)
                                + " restart with " + table.nextIdentity);
                    }
                }
                statement.execute(postgres ? "set session_replication_role = default" : "set referential_integrity true");
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("could not put the database back as the fresh context had it", e);
        }
        log.info("Database and in-memory records put back as the fresh context had them in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Public rate limits and the log-in throttle count per source address in memory (every test calls
     * from this computer). Found by type and name, emptied by reflection: the application offers no
     * reset, and needs none.
     */
    private static void forgetPerAddressRecords(ApplicationContext context) {
        int emptied = 0;
        for (RateLimits limits : context.getBeansOfType(RateLimits.class).values()) {
            emptied += emptyMaps(limits);
            PublicLimits.use(limits, context.getBean(DsrProperties.class).rateLimits()); // a class may have lowered them
        }
        for (FilterRegistrationBean<?> filter : context.getBeansOfType(FilterRegistrationBean.class).values()) {
            if (filter.getFilter() != null && filter.getFilter().getClass().getSimpleName().equals("LoginThrottleFilter")) {
                emptied += emptyMaps(filter.getFilter());
            }
        }
        if (emptied < 2) {
            throw new IllegalStateException("expected the rate limits' and the log-in throttle's records in memory, emptied "
                    + emptied + " maps: update FreshState");
        }
    }

    private static int emptyMaps(Object target) {
        int emptied = 0;
        for (Field field : target.getClass().getDeclaredFields()) {
            if (Map.class.isAssignableFrom(field.getType()) && !Modifier.isStatic(field.getModifiers())) {
                try {
                    field.setAccessible(true);
                    Map<?, ?> map = (Map<?, ?>) field.get(target);
                    synchronized (map) { // RateLimits guards its table by the table itself
                        map.clear();
                    }
                    emptied++;
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return emptied;
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet rs = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** One table's rows as they were, and where its identity column (if any) continues. */
    private record Table(String name, List<String> columns, int[] types, List<Object[]> rows, String identity, long nextIdentity) {

        static Table read(Connection connection, String name) throws SQLException {
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            int[] types;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select * from " + quote(name))) {
                ResultSetMetaData meta = rs.getMetaData();
                types = new int[meta.getColumnCount()];
                for (int i = 1; i <= types.length; i++) {
                    columns.add(meta.getColumnName(i));
                    types[i - 1] = meta.getColumnType(i);
                }
                while (rs.next()) {
                    Object[] row = new Object[types.length];
                    for (int i = 1; i <= types.length; i++) {
                        row[i - 1] = switch (types[i - 1]) {
                            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> rs.getBytes(i);
                            case Types.CLOB, Types.NCLOB -> rs.getString(i);
                            default -> rs.getObject(i);
                        };
                    }
                    rows.add(row);
                }
            }
            String identity = null;
            try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), name, "%")) {
                while (rs.next()) {
                    if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                        identity = rs.getString("COLUMN_NAME");
                    }
                }
            }
            long next = 1;
            if (identity != null) {
                int index = columns.indexOf(identity);
                for (Object[] row : rows) {
                    next = Math.max(next, ((Number) row[index]).longValue() + 1);
                }
            }
            return new Table(name, List.copyOf(columns), types, List.copyOf(rows), identity, next);
        }

        void write(Connection connection) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            String sql = "insert into " + quote(name) + " (" + String.join(", ", columns.stream().map(FreshState::quote).toList())
                    + ") values (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            insert.setNull(i + 1, types[i]);
                        } else if (row[i] instanceof byte[] bytes) {
                            insert.setBytes(i + 1, bytes);
                        } else {
                            insert.setObject(i + 1, row[i]);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
