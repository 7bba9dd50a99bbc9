package org.dsrflow.connectors;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dsrflow.config.DsrProperties;

/**
 * One of the organisation's systems, as the register names it under a department: its id (unique across the
 * register), the department that holds it, and its settings. Carries no secret: the register names only the
 * environment variables that hold addresses and credentials.
 */
public record DataSystem(String id, String department, DsrProperties.SystemEntry settings) {

    /** How dsr-flow talks to a system; one external-task topic per kind. */
    public enum Kind { SQL, HTTP }

    /** The worker inside the application, the default of a system's {@link #worker()}. */
    public static final String APPLICATION = DsrProperties.SystemEntry.APPLICATION;
    /** Every system task's topic starts so; a separate worker's topics end with its name. */
    static final String TOPIC_PREFIX = "dsr-system-";

    /** Staff-facing (English) name, e.g. "Customer database (CRM)". */
    public String name() {
        return settings.name() == null || settings.name().isBlank() ? id : settings.name();
    }

    public Kind kind() {
        return settings.http() != null && settings.sql() == null ? Kind.HTTP : Kind.SQL;
    }

    /** Who searches and acts on it: {@link #APPLICATION} or the name of a separate worker process. */
    public String worker() {
        return settings.worker();
    }

    /**
     * The external-task topic of this system's searches and actions: one per kind ({@code dsr-system-sql},
     * {@code dsr-system-http}) for the application's worker, and per separate worker {@code dsr-system-sql-<worker>}: a
     * worker fetches only what it can reach.
     */
    public String topic() {
        return topic(kind(), worker());
    }

    public static String topic(Kind kind, String worker) {
        String topic = TOPIC_PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT);
        return APPLICATION.equals(worker) ? topic : topic + "-" + worker;
    }

    /** The categories of the register this system holds for its department, in register order. */
    public List<String> categories() {
        return List.copyOf(settings.categories().keySet());
    }

    public boolean holds(String category) {
        return settings.categories().containsKey(category);
    }

    /** The actions the register gives this system for the category (none: the department acts by hand). */
    public Set<Operation> operations(String category) {
        DsrProperties.SystemCategory steps = settings.categories().get(category);
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        if (steps != null) {
            for (Operation operation : Operation.values()) {
                if (!steps(steps, operation).isEmpty()) {
                    operations.add(operation);
                }
            }
        }
        return operations;
    }

    public boolean can(String category, Operation operation) {
        return operations(category).contains(operation);
    }

    /**
     * The corrected values a rectification of the category asks for (the {@code <field>} of
     * {@code :value_<field>} / {@code {value.<field>}}), sorted; a department is asked for these.
     */
    public Set<String> valueFields(String category) {
        DsrProperties.SystemCategory steps = settings.categories().get(category);
        Set<String> fields = new TreeSet<>();
        if (steps != null) {
            steps.rectify().forEach(step -> Parameters.of(step).stream()
                    .filter(parameter -> parameter.kind() == Parameters.Kind.VALUE)
                    .forEach(parameter -> fields.add(parameter.field())));
        }
        return fields;
    }

    public Duration timeout() {
        return settings.timeout();
    }

    public int maxRows() {
        return settings.maxRows();
    }

    public long maxBytes() {
        return settings.maxBytes().toBytes();
    }

    /** External task: how many times a failed search or action is tried again before it becomes an incident. */
    public int retries() {
        return settings.retries();
    }

    /** External task: the first wait before a retry; each further wait doubles. */
    public Duration retryBackoff() {
        return settings.retryBackoff();
    }

    /** External task: how long a worker holds a task it fetched. */
    public Duration lockDuration() {
        return settings.lockDuration();
    }

    static List<DsrProperties.Step> steps(DsrProperties.SystemCategory category, Operation operation) {
        return switch (operation) {
            case ERASE -> category.erase();
            case RECTIFY -> category.rectify();
            case RESTRICT -> category.restrict();
        };
    }
}
