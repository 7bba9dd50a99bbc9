package org.dsrflow.connectors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Searches the organisation's systems for a person and carries out what a person confirmed. SQL systems: a
 * small pool each (created at first use, so a system that is down never stops dsr-flow), searches in read-only
 * transactions, an action's statements in one transaction per system. HTTP systems: calls with the system's
 * timeout and Authorization header. Failures are {@link ConnectorException}s without personal data.
 */
@Component
public class Connectors {

    private final Map<String, DataSystem> systems;
    private final PropertyResolver environment;

    @org.springframework.beans.factory.annotation.Autowired
    Connectors(DsrProperties properties, org.springframework.core.env.Environment environment) {
        this(properties.organisation(), environment);
    }

    /** Outside Spring (tests, the benchmark): the register's systems, and where their environment variables are. */
    Connectors(DsrProperties.Organisation organisation, PropertyResolver environment) {
        this.systems = Systems.of(organisation);
        this.environment = environment;
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
        throw new UnsupportedOperationException("coming in the next commit");
    }

    /**
     * What {@link #act} would run, for a person to read before confirming: each SQL statement and how many times
     * it runs, or each HTTP call's method and path per row with the values filled in (never the Authorization header).
     */
    public List<String> preview(DataSystem system, String category, Operation operation,
                                List<Map<String, Object>> rows, Map<String, String> values) {
        throw new UnsupportedOperationException("coming in the next commit");
    }

    /**
     * Carries out the action for each confirmed row: SQL statements all in one transaction (all or nothing),
     * rows affected summed; HTTP calls in order, the first failure stops. {@code values}: the corrected values
     * of a rectification (by field), else empty.
     */
    public ActionResult act(DataSystem system, String category, Operation operation, Identity identity,
                            List<Map<String, Object>> rows, Map<String, String> values) {
        throw new UnsupportedOperationException("coming in the next commit");
    }
}
