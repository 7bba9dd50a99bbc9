package org.dsrflow.connectors;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Searches the organisation's systems for a person and carries out what a person confirmed. SQL systems: a
 * small pool each (created at first use, so a system that is down never stops dsr-flow), searches in read-only
 * transactions, an action's statements in one transaction per system. HTTP systems: calls with the system's
 * timeout and Authorization header. Failures are {@link ConnectorException}s without personal data; the logs
 * name systems, categories, counts and durations only.
 */
@Component
public class Connectors implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final Map<String, DataSystem> systems;
    private final SqlConnector sql;
    private final HttpConnector http;

    @Autowired
    Connectors(DsrProperties properties, Environment environment) {
        this(properties.organisation(), environment);
    }

    /**
     * Outside a Spring context (a separate worker process, the benchmark): the register's systems, and where their
     * environment variables are (e.g. a {@code StandardEnvironment}: the OS environment). Call {@link #destroy()}
     * at the end to close the pools.
     */
    public static Connectors standalone(DsrProperties.Organisation organisation, PropertyResolver environment) {
        return new Connectors(organisation, environment);
    }

    private Connectors(DsrProperties.Organisation organisation, PropertyResolver environment) {
        this.systems = Systems.of(organisation);
        EnvironmentValues values = new EnvironmentValues(environment);
        this.sql = new SqlConnector(values);
        this.http = new HttpConnector(values);
    }

    /** The systems that hold the department's categories, in register order; none: the department searches by hand. */
    public List<DataSystem> systemsOf(String department) {
        return systems.values().stream().filter(system -> system.department().equals(department)).toList();
    }

    public Optional<DataSystem> system(String id) {
        return Optional.ofNullable(systems.get(id));
    }

    /** The person's records of the category in the system; read-only, capped at the system's rows and bytes. */
    public SearchResult search(DataSystem system, String category, Identity identity) {
        DsrProperties.Step search = steps(system, category).search();
        long started = System.nanoTime();
        try {
            SearchResult result = system.kind() == DataSystem.Kind.SQL
                    ? sql.search(system, category, search, identity)
                    : http.search(system, category, search, identity);
            log.info("Searched system {} for category {}: {} rows{} in {} ms", system.id(), category, result.rows().size(),
                    result.truncated() ? " (truncated at the system's cap)" : "", millis(started));
            return result;
        } catch (ConnectorException e) {
            log.warn("Search of system {} for category {} failed after {} ms: {}", system.id(), category, millis(started), e.reason());
            throw e;
        }
    }

    /**
     * What {@link #act} would run, for a person to read before confirming: each SQL statement and how many times
     * it runs, or each HTTP call's method and path per row with the values filled in (never the Authorization header).
     */
    public List<String> preview(DataSystem system, String category, Operation operation,
                                List<Map<String, Object>> rows, Map<String, String> values) {
        List<DsrProperties.Step> steps = actionSteps(system, category, operation);
        if (system.kind() == DataSystem.Kind.SQL) {
            return rows.isEmpty() ? List.of() : sql.preview(steps, rows.size());
        }
        // The preview shows the rows' values, not the identity's: an action's call that names the person shows it too.
        return http.preview(system, steps, PREVIEW, rows, values, operation.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Carries out the action for each confirmed row: SQL statements all in one transaction (all or nothing),
     * rows affected summed; HTTP calls in order, the first failure stops. {@code values}: the corrected values
     * of a rectification (by field), else empty.
     */
    public ActionResult act(DataSystem system, String category, Operation operation, Identity identity,
                            List<Map<String, Object>> rows, Map<String, String> values) {
        List<DsrProperties.Step> steps = actionSteps(system, category, operation);
        long started = System.nanoTime();
        try {
            ActionResult result = system.kind() == DataSystem.Kind.SQL
                    ? sql.act(system, category, operation, steps, identity, rows, values)
                    : http.act(system, category, operation, steps, identity, rows, values);
            log.info("{} in system {} for category {}: {} confirmed rows, {} in {} ms", operation, system.id(), category, rows.size(),
                    system.kind() == DataSystem.Kind.SQL ? result.rowsAffected() + " rows affected" : result.calls(), millis(started));
            return result;
        } catch (ConnectorException e) {
            log.warn("{} in system {} for category {} failed after {} ms: {}", operation, system.id(), category, millis(started), e.reason());
            throw e;
        }
    }

    @Override
    public void destroy() {
        sql.close();
    }

    private static final Identity PREVIEW = new Identity("{email}", "{name}");

    private static DsrProperties.SystemCategory steps(DataSystem system, String category) {
        DsrProperties.SystemCategory steps = system.settings().categories().get(category);
        if (steps == null) {
            throw new IllegalArgumentException("system " + system.id() + " does not hold category " + category);
        }
        return steps;
    }

    private static List<DsrProperties.Step> actionSteps(DataSystem system, String category, Operation operation) {
        List<DsrProperties.Step> steps = DataSystem.steps(steps(system, category), operation);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("system " + system.id() + " has no " + operation + " for category " + category);
        }
        return steps;
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
