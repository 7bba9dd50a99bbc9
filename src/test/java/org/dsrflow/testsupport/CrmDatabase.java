package org.dsrflow.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Fietsen Noord's customer database: a second embedded PostgreSQL 17 (beside the application's own), on a fixed
 * port (tests run in a network namespace of their own), started once per JVM and stopped when it ends. Its schema
 * and rows come from organisations/fietsen/crm.sql; {@link #reset()} runs the script again. dsr-flow reaches it
 * as a system of the register through the environment values in {@link #ENVIRONMENT}, as a user of its own.
 */
public final class CrmDatabase {

    public static final int PORT = 25432;
    public static final String DATABASE = "crm";
    public static final String USER = "fietsen";
    public static final String PASSWORD = "fietsen-crm-test";
    public static final String URL = "jdbc:postgresql://localhost:" + PORT + "/" + DATABASE;
    /** The environment variables the fietsen register names, with this database's values. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "FIETSEN_CRM_URL", URL, "FIETSEN_CRM_USER", USER, "FIETSEN_CRM_PASSWORD", PASSWORD);
    private static final String SCRIPT = "organisations/fietsen/crm.sql";

    private static EmbeddedPostgres postgres;

    private CrmDatabase() {
    }

    /** Starts the database (once per JVM) with its rows as the script makes them the first time. */
    public static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            // No Unix socket: its lock file (/tmp/.s.PGSQL.<port>.lock) would be shared by every build on this
            // machine, while each build's TCP port lives in a network namespace of its own.
            postgres = EmbeddedPostgres.builder().setPort(PORT).setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the CRM's embedded PostgreSQL did not start", e);
        }
        EmbeddedPostgres started = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM ends anyway
            }
        }, "crm-database-stop"));
        try (Connection admin = started.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the CRM's database", e);
        }
        reset();
    }

    /** The schema and rows as the script makes them (starts the database first if needed). */
    public static synchronized void reset() {
        start();
        try (Connection connection = connection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCRIPT));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + SCRIPT, e);
        }
    }

    /** A connection as the CRM's own user, for a test to look at or change the rows. */
    public static Connection connection() throws SQLException {
        start();
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** The rows a query gives, each as column name → value (JDBC's objects). */
    public static List<Map<String, Object>> rows(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    row.put(rs.getMetaData().getColumnLabel(column), rs.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Another customer with a purchase and a newsletter subscription, for a test that needs an address of its own
     * (a second request from one address is a repeat); returns the customer's id.
     */
    public static int addCustomer(String name, String email) {
        try (Connection connection = connection();
             var insert = connection.prepareStatement("INSERT INTO customer (id, name, email, phone, city, created_on)"
                     + " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM customer), ?, ?, '+31 6 0000 0000', 'Leeuwarden', current_date)"
                     + " RETURNING id")) {
            insert.setString(1, name);
            insert.setString(2, email);
            int id;
            try (var rs = insert.executeQuery()) {
                rs.next();
                id = rs.getInt(1);
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO purchase (id, customer_id, ordered_on, item, amount) VALUES ("
                        + (1000 + id) + ", " + id + ", current_date, 'Bell', 9.95)");
                statement.executeUpdate("INSERT INTO newsletter_subscription (id, customer_id, subscribed_at) VALUES ("
                        + (2000 + id) + ", " + id + ", localtimestamp(0))");
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
