package org.dsrflow.connectors;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.StartupCheckException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Checks the register's systems at start-up, without connecting to any (a system that is down must not stop
 * dsr-flow), and fails with one line per problem naming department, system and key: exactly one of sql and
 * http, its environment variables named and set, categories the department holds, a search, and steps that are
 * parameterised only. A statement is refused unless it names its values as parameters (Spring's
 * {@code :name}) and cannot be used to build SQL text: no {@code ?}, {@code ${}, quoted placeholders,
 * {@code ||} next to a parameter or a second statement. A search is one SELECT or WITH statement and may use
 * the identity only; an action names a field of the confirmed row, so that it touches only what a person
 * confirmed; corrected values only in a rectification.
 */
@Component
public class SystemsCheck implements InitializingBean {

    private static final String PREFIX = "dsr.organisation.departments.";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> SEARCH_METHODS = Set.of("GET", "POST");
    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern WORKER_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** The application's setting (systems/SystemSettings) that hands all of its systems to separate worker processes. */
    private static final String APPLICATION_WORKER = "dsr.systems.worker";
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern SEARCH_STATEMENT = Pattern.compile("(?is)\\s*(select|with)\\b.*");
    private static final Pattern WRITING = Pattern.compile(
            "(?i)\\b(insert|update|delete|merge|upsert|truncate|drop|alter|create|grant|revoke|call|copy|lock|replace)\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern PARAMETER_IN_QUOTES = Pattern.compile("[:&][A-Za-z_]|\\{");
    private static final Pattern CONCATENATED = Pattern.compile("\\|\\|\\s*[:&][A-Za-z_]|(?<![:\\w])[:&][A-Za-z_][A-Za-z0-9_]*\\s*\\|\\|");
    private static final String SQL_PARAMETERS = "use :email, :name, :row_<field> (actions) or :value_<field> (rectify)";
    private static final String HTTP_PARAMETERS = "use {email}, {name}, {row.<field>} (actions) or {value.<field>} (rectify)";

    private final DsrProperties properties;
    private final PropertyResolver environment;

    SystemsCheck(DsrProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        // The application connects to the systems of its own worker, unless separate worker processes serve them all.
        Set<String> served = "off".equals(environment.getProperty(APPLICATION_WORKER)) ? Set.of() : Set.of(DataSystem.APPLICATION);
        List<String> problems = problems(properties.organisation(), environment, served);
        if (!problems.isEmpty()) {
            throw new StartupCheckException("The register's systems (dsr.organisation.departments.*.systems) are invalid:\n  - "
                    + String.join("\n  - ", problems),
                    "Correct the systems in config/processing-register.yaml (or set the environment variables named there) and start again.");
        }
    }

    static List<String> problems(DsrProperties.Organisation organisation, PropertyResolver environment) {
        return problems(organisation, environment, Set.of(DataSystem.APPLICATION));
    }

    /**
     * The problems of the register's systems, one line each. Environment values are checked only for the systems whose
     * worker is one of {@code served} (the workers this process is): the application need not hold the credentials of a
     * system a separate worker reaches in another network, and a worker not those of the application's systems.
     */
    public static List<String> problems(DsrProperties.Organisation organisation, PropertyResolver environment, Set<String> served) {
        List<String> problems = new ArrayList<>();
        Map<String, String> departmentOf = new HashMap<>();
        organisation.departments().forEach((department, entry) -> entry.systems().forEach((id, system) -> {
            String key = PREFIX + department + ".systems." + id;
            String other = departmentOf.putIfAbsent(id, department);
            if (other != null) {
                problems.add(key + ": the system id is also used under department '" + other + "'; system ids are unique across the register");
            }
            if (!SYSTEM_ID.matcher(id).matches()) {
                problems.add(key + ": the system id must be lower-case letters, digits and hyphens, starting with a letter (at most 64)");
            }
            if (!WORKER_NAME.matcher(system.worker()).matches()) {
                problems.add(key + ".worker: '" + system.worker() + "' is not a worker's name: lower-case letters, digits and hyphens"
                        + " (e.g. warehouse-dc1), or " + DataSystem.APPLICATION + " (the default: the worker inside the application)");
            }
            system(problems, organisation, served.contains(system.worker()) ? environment : null, department, key, system);
        }));
        return problems;
    }

    /** {@code environment} null: a system this process does not connect to; its variables are named, not read. */
    private static void system(List<String> problems, DsrProperties.Organisation organisation, PropertyResolver environment,
                               String department, String key, DsrProperties.SystemEntry system) {
        if (system.name() == null || system.name().isBlank()) {
            problems.add(key + ".name: missing (the name staff read, e.g. \"Customer database (CRM)\")");
        }
        if ((system.sql() == null) == (system.http() == null)) {
            problems.add(key + ": give exactly one of sql and http" + (system.sql() == null ? "" : ", not both"));
            return;
        }
        boolean sql = system.sql() != null;
        if (sql) {
            variable(problems, environment, key + ".sql.url-env", system.sql().urlEnv(), true, "the JDBC URL");
            variable(problems, environment, key + ".sql.username-env", system.sql().usernameEnv(), false, "the database user");
            variable(problems, environment, key + ".sql.password-env", system.sql().passwordEnv(), false, "the password");
        } else {
            variable(problems, environment, key + ".http.base-url-env", system.http().baseUrlEnv(), true, "the API's base URL");
            variable(problems, environment, key + ".http.auth-header-env", system.http().authHeaderEnv(), false, "the Authorization header");
            String base = value(environment, system.http().baseUrlEnv());
            if (base != null && !base.toLowerCase(Locale.ROOT).matches("https?://[^/?#{}\\s]+(/[^?#{}\\s]*)?")) {
                problems.add(key + ".http.base-url-env: the value of " + system.http().baseUrlEnv()
                        + " is not an http or https URL without query (e.g. https://repairs.example.com)");
            }
        }
        limits(problems, key, system);
        if (system.categories().isEmpty()) {
            problems.add(key + ".categories: none (name the categories of the register this system holds)");
        }
        system.categories().forEach((category, steps) -> {
            String categoryKey = key + ".categories." + category;
            DsrProperties.Category registered = organisation.categories().get(category);
            if (registered == null) {
                problems.add(categoryKey + ": unknown category '" + category + "' (not in categories)");
            } else if (!registered.departments().contains(department)) {
                problems.add(categoryKey + ": department '" + department + "' does not hold this category (categories."
                        + category + ".departments: " + registered.departments() + ")");
            }
            if (steps.search() == null || (steps.search().isSql() && steps.search().sql().isBlank())) {
                problems.add(categoryKey + ".search: missing (how the system finds the person's records)");
            } else {
                step(problems, categoryKey + ".search", steps.search(), sql, Use.SEARCH);
            }
            for (Operation operation : Operation.values()) {
                List<DsrProperties.Step> list = DataSystem.steps(steps, operation);
                for (int index = 0; index < list.size(); index++) {
                    step(problems, categoryKey + "." + operation.name().toLowerCase(Locale.ROOT) + "[" + index + "]", list.get(index), sql,
                            operation == Operation.RECTIFY ? Use.RECTIFY : Use.ACTION);
                }
            }
        });
    }

    private enum Use { SEARCH, ACTION, RECTIFY }

    private static void limits(List<String> problems, String key, DsrProperties.SystemEntry system) {
        if (system.timeout().isNegative() || system.timeout().isZero()) {
            problems.add(key + ".timeout: must be more than zero");
        }
        if (system.maxRows() < 1) {
            problems.add(key + ".max-rows: must be at least 1");
        }
        if (system.maxBytes().toBytes() < 1) {
            problems.add(key + ".max-bytes: must be more than zero");
        }
        if (system.retries() < 0) {
            problems.add(key + ".retries: must not be negative");
        }
        if (system.retryBackoff().isNegative() || system.retryBackoff().isZero()) {
            problems.add(key + ".retry-backoff: must be more than zero");
        }
        if (system.lockDuration().compareTo(system.timeout()) <= 0) {
            problems.add(key + ".lock-duration: must be longer than the timeout (" + system.timeout() + "), or another worker takes the task while it runs");
        }
    }

    private static void variable(List<String> problems, PropertyResolver environment, String key, String name, boolean required,
                                 String what) {
        if (name == null || name.isBlank()) {
            if (required) {
                problems.add(key + ": missing (the name of the environment variable that holds " + what + ")");
            }
            return;
        }
        if (!ENVIRONMENT_NAME.matcher(name).matches()) {
            problems.add(key + ": '" + name + "' is not the name of an environment variable (the register names variables, never values)");
        } else if (environment != null && value(environment, name) == null) {
            problems.add(key + ": the environment variable " + name + " (" + what + ") is not set");
        }
    }

    private static String value(PropertyResolver environment, String name) {
        return environment == null ? null : new EnvironmentValues(environment).get(name);
    }

    private static void step(List<String> problems, String key, DsrProperties.Step step, boolean sqlSystem, Use use) {
        if (sqlSystem && !step.isSql()) {
            problems.add(key + ": an SQL system's steps are statements (a string), not HTTP calls");
            return;
        }
        if (!sqlSystem && step.isSql()) {
            problems.add(key + ": an HTTP system's steps are calls {method, path, ...}, not SQL statements");
            return;
        }
        if (step.isSql()) {
            statement(problems, key, step.sql(), use);
        } else {
            call(problems, key, step, use);
        }
    }

    private static void statement(List<String> problems, String key, String sql, Use use) {
        if (sql.isBlank()) {
            problems.add(key + ": empty");
            return;
        }
        String refused = key + ": not parameterised, refused: ";
        String body = sql.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.contains(";")) {
            problems.add(refused + "a ';' before its end (one statement only)");
        }
        if (use == Use.SEARCH && !SEARCH_STATEMENT.matcher(body).matches()) {
            problems.add(key + ": a search is one SELECT or WITH statement");
        }
        // A WITH can hide a change (WITH d AS (DELETE ... RETURNING *) SELECT ...), and not every database enforces a
        // read-only transaction: a search names no statement that writes, outside quoted text.
        Matcher writes = WRITING.matcher(QUOTED.matcher(body).replaceAll("''"));
        if (use == Use.SEARCH && writes.find()) {
            problems.add(key + ": a search only reads; '" + writes.group(1).toUpperCase(java.util.Locale.ROOT) + "' writes");
        }
        if (body.contains("?")) {
            problems.add(refused + "'?' (name each value as a parameter: " + SQL_PARAMETERS + ")");
        }
        if (body.contains("${")) {
            problems.add(refused + "'${' (no text templates; " + SQL_PARAMETERS + ")");
        }
        Matcher quoted = QUOTED.matcher(body);
        while (quoted.find()) {
            if (PARAMETER_IN_QUOTES.matcher(quoted.group()).find()) {
                problems.add(refused + "a parameter or placeholder inside quotes (" + quoted.group()
                        + ") is text, never bound; write the parameter without quotes");
                break;
            }
        }
        if (CONCATENATED.matcher(body).find()) {
            problems.add(refused + "'||' next to a parameter builds text from it; compare the parameter itself (e.g. lower(email) = lower(:email))");
        }
        List<Parameters.Parameter> parameters;
        try {
            parameters = Parameters.ofSql(body);
        } catch (RuntimeException e) {
            problems.add(refused + "its parameters cannot be read (" + e.getMessage() + ")");
            return;
        }
        if (parameters.isEmpty()) {
            problems.add(refused + "no named parameter (" + SQL_PARAMETERS + ")");
            return;
        }
        parameterKinds(problems, key, parameters, use, ":", SQL_PARAMETERS);
    }

    private static void call(List<String> problems, String key, DsrProperties.Step step, Use use) {
        String method = step.method() == null ? null : step.method().toUpperCase(Locale.ROOT);
        if (method == null) {
            problems.add(key + ".method: missing (" + String.join(", ", sorted(use == Use.SEARCH ? SEARCH_METHODS : METHODS)) + ")");
        } else if (!(use == Use.SEARCH ? SEARCH_METHODS : METHODS).contains(method)) {
            problems.add(key + ".method: '" + step.method() + "' is not one of " + String.join(", ",
                    sorted(use == Use.SEARCH ? SEARCH_METHODS : METHODS)));
        }
        if (step.path() == null || step.path().isBlank()) {
            problems.add(key + ".path: missing (relative to the base URL, e.g. /api/tickets?customer={email})");
            return;
        }
        if (!step.path().startsWith("/")) {
            problems.add(key + ".path: must start with '/' (it is relative to the base URL)");
        }
        if (step.path().contains("${")) {
            problems.add(key + ".path: '${' is not a placeholder (" + HTTP_PARAMETERS + ")");
        }
        if (step.body() != null && step.body().toString().contains("${")) {
            problems.add(key + ".body: '${' is not a placeholder (" + HTTP_PARAMETERS + ")");
        }
        if (use == Use.SEARCH) {
            if (step.records() != null && !step.records().isEmpty()) {
                try {
                    JsonPointer.compile(step.records());
                } catch (IllegalArgumentException e) {
                    problems.add(key + ".records: '" + step.records() + "' is not a JSON Pointer (e.g. /tickets, /data/items)");
                }
            }
            if ("GET".equals(method) && step.body() != null) {
                problems.add(key + ".body: a GET has no body");
            }
        } else if (step.records() != null) {
            problems.add(key + ".records: only a search has records");
        }
        List<Parameters.Parameter> parameters = Parameters.ofHttp(step);
        if (parameters.isEmpty()) {
            problems.add(key + ": no placeholder in its path or body (" + HTTP_PARAMETERS + ")");
            return;
        }
        parameterKinds(problems, key, parameters, use, "", HTTP_PARAMETERS);
    }

    private static void parameterKinds(List<String> problems, String key, List<Parameters.Parameter> parameters, Use use,
                                       String sign, String allowed) {
        for (Parameters.Parameter parameter : parameters) {
            String written = sign.isEmpty() ? "{" + parameter.written() + "}" : sign + parameter.written();
            switch (parameter.kind()) {
                case UNKNOWN -> problems.add(key + ": unknown parameter " + written + " (" + allowed + ")");
                case ROW -> {
                    if (use == Use.SEARCH) {
                        problems.add(key + ": " + written + " in a search; a search may use only the identity (email, name)");
                    }
                }
                case VALUE -> {
                    if (use != Use.RECTIFY) {
                        problems.add(key + ": " + written + " outside rectify; corrected values exist only in a rectification");
                    }
                }
                case IDENTITY -> {
                }
            }
        }
        if (use == Use.SEARCH && parameters.stream().noneMatch(parameter -> parameter.kind() == Parameters.Kind.IDENTITY
                && Parameters.EMAIL.equals(parameter.field()))) {
            problems.add(key + ": a search must use the confirmed email address (:email; the name may narrow it), or it would find"
                    + " everyone or a namesake");
        }
        if (use != Use.SEARCH && parameters.stream().noneMatch(parameter -> parameter.kind() == Parameters.Kind.ROW)) {
            problems.add(key + ": an action must name a field of the confirmed row ("
                    + (sign.isEmpty() ? "{row.<field>}" : ":row_<field>") + "), so that it touches only the confirmed records");
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
