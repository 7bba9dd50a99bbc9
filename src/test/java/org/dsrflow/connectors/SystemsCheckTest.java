package org.dsrflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.DsrFlowApplication;
import org.dsrflow.config.StartupCheckException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up check of the register's systems: each problem on a line of its own, naming department, system
 * and key; nothing connects. Through the check itself, and once through a real start-up.
 */
class SystemsCheckTest {

    private static final String CRM = "dsr.organisation.departments.shop.systems.crm";
    private static final String CUSTOMER = CRM + ".categories.customer";
    private static final String DESK = "dsr.organisation.departments.workshop.systems.repair-desk";
    private static final String REPAIRS = DESK + ".categories.repairs";
    private static final String REFUSED = ": not parameterised, refused: ";

    @Test
    void theSecondOrganisationsSystemsPassWithTheirEnvironment() {
        assertThat(SystemsCheck.problems(Fietsen.register(), Fietsen.environment())).isEmpty();
    }

    @Test
    void environmentVariablesThatAreNotSetOrNotNamedAreReportedByKey() {
        MockEnvironment environment = new MockEnvironment();
        environment.setProperty("FIETSEN_CRM_URL", "jdbc:postgresql://localhost:25432/crm");
        environment.setProperty("FIETSEN_REPAIRS_URL", "ftp://repairs.example.com");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(Map.of(
                CRM + ".sql.password-env", "the password itself",
                "dsr.organisation.departments.accounts.systems.ledger.sql.url-env", ""
        )), environment)).containsExactlyInAnyOrder(
                CRM + ".sql.username-env: the environment variable FIETSEN_CRM_USER (the database user) is not set",
                CRM + ".sql.password-env: 'the password itself' is not the name of an environment variable (the register names variables, never values)",
                "dsr.organisation.departments.accounts.systems.ledger.sql.url-env: missing (the name of the environment variable that holds the JDBC URL)",
                "dsr.organisation.departments.accounts.systems.ledger.sql.username-env: the environment variable FIETSEN_CRM_USER (the database user) is not set",
                "dsr.organisation.departments.accounts.systems.ledger.sql.password-env: the environment variable FIETSEN_CRM_PASSWORD (the password) is not set",
                DESK + ".http.auth-header-env: the environment variable FIETSEN_REPAIRS_AUTH (the Authorization header) is not set",
                DESK + ".http.base-url-env: the value of FIETSEN_REPAIRS_URL is not an http or https URL without query (e.g. https://repairs.example.com)");
    }

    @Test
    void aSystemNeedsExactlyOneOfSqlAndHttpANameAndCategoriesItsDepartmentHolds() {
        assertThat(SystemsCheck.problems(Fietsen.registerWith(Map.of(
                CRM + ".http.base-url-env", "FIETSEN_REPAIRS_URL",
                DESK + ".name", " ",
                DESK + ".categories.customer.search.method", "GET",
                DESK + ".categories.customer.search.path", "/api/customers/{email}",
                DESK + ".categories.bicycles.search.method", "GET",
                DESK + ".categories.bicycles.search.path", "/api/bicycles?owner={email}",
                DESK + ".categories.repairs.search", ""
        )), Fietsen.environment())).containsExactlyInAnyOrder(
                CRM + ": give exactly one of sql and http, not both",
                DESK + ".name: missing (the name staff read, e.g. \"Customer database (CRM)\")",
                DESK + ".categories.customer: department 'workshop' does not hold this category (categories.customer.departments: [shop, accounts])",
                DESK + ".categories.bicycles: unknown category 'bicycles' (not in categories)",
                REPAIRS + ".search: missing (how the system finds the person's records)");
    }

    @Test
    void statementsThatAreNotParameterisedAreRefusedNamingWhy() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(CUSTOMER + ".search", "SELECT * FROM customer WHERE email = '${email}'");
        overrides.put(CUSTOMER + ".erase[0]", "DELETE FROM newsletter_subscription WHERE customer_id = ?");
        overrides.put(CUSTOMER + ".erase[1]", "DELETE FROM customer WHERE id = :row_id; DROP TABLE purchase");
        overrides.put(CUSTOMER + ".erase[2]", "DELETE FROM customer WHERE name LIKE '%' || :row_name || '%'");
        overrides.put(CUSTOMER + ".erase[3]", "DELETE FROM customer WHERE id = 1");
        overrides.put(CUSTOMER + ".erase[4]", "UPDATE customer SET name = ':row_name' WHERE id = :row_id");
        overrides.put(CUSTOMER + ".restrict[0]", "UPDATE customer SET restricted = true WHERE id = :row_id;");
        overrides.put("dsr.organisation.departments.accounts.systems.ledger.categories.customer.search",
                "DELETE FROM purchase WHERE customer_id IN (SELECT id FROM customer WHERE email = :email)");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment())).containsExactlyInAnyOrder(
                CUSTOMER + ".search" + REFUSED + "'${' (no text templates; use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".search" + REFUSED + "a parameter or placeholder inside quotes ('${email}') is text, never bound; write the parameter without quotes",
                CUSTOMER + ".search" + REFUSED + "no named parameter (use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".erase[0]" + REFUSED + "'?' (name each value as a parameter: use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".erase[0]" + REFUSED + "no named parameter (use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".erase[1]" + REFUSED + "a ';' before its end (one statement only)",
                CUSTOMER + ".erase[2]" + REFUSED + "'||' next to a parameter builds text from it; compare the parameter itself (e.g. lower(email) = lower(:email))",
                CUSTOMER + ".erase[3]" + REFUSED + "no named parameter (use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".erase[4]" + REFUSED + "a parameter or placeholder inside quotes (':row_name') is text, never bound; write the parameter without quotes",
                "dsr.organisation.departments.accounts.systems.ledger.categories.customer.search: a search is one SELECT or WITH statement",
                "dsr.organisation.departments.accounts.systems.ledger.categories.customer.search: a search only reads; 'DELETE' writes");
    }

    @Test
    void parametersMustBeTheIdentityARowFieldOrInARectificationACorrectedValue() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(CUSTOMER + ".search", "SELECT * FROM customer WHERE id = :row_id OR city = :city");
        overrides.put(CUSTOMER + ".erase[0]", "UPDATE customer SET name = :value_name WHERE id = :row_id");
        overrides.put(CUSTOMER + ".erase[1]", "DELETE FROM newsletter_subscription WHERE customer_id IN (SELECT id FROM customer WHERE email = :email)");
        overrides.put(CUSTOMER + ".rectify[0]", "UPDATE customer SET name = :value_name WHERE id = :row_id");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment())).containsExactlyInAnyOrder(
                CUSTOMER + ".search: :row_id in a search; a search may use only the identity (email, name)",
                CUSTOMER + ".search: unknown parameter :city (use :email, :name, :row_<field> (actions) or :value_<field> (rectify))",
                CUSTOMER + ".search: a search must use the confirmed email address (:email; the name may narrow it), or it would find everyone or a namesake",
                CUSTOMER + ".erase[0]: :value_name outside rectify; corrected values exist only in a rectification",
                CUSTOMER + ".erase[1]: an action must name a field of the confirmed row (:row_<field>), so that it touches only the confirmed records");
    }

    @Test
    void aSearchByNameAloneOrOneThatHidesAChangeIsRefused() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(CUSTOMER + ".search", "SELECT * FROM customer WHERE name = :name");
        overrides.put("dsr.organisation.departments.accounts.systems.ledger.categories.customer.search",
                "WITH gone AS (DELETE FROM purchase WHERE customer_id IN (SELECT id FROM customer WHERE email = :email) RETURNING *)"
                        + " SELECT * FROM gone WHERE item <> 'update'");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment())).containsExactlyInAnyOrder(
                CUSTOMER + ".search: a search must use the confirmed email address (:email; the name may narrow it), or it would find everyone or a namesake",
                "dsr.organisation.departments.accounts.systems.ledger.categories.customer.search: a search only reads; 'DELETE' writes");
    }

    @Test
    void httpCallsAreCheckedForMethodPathPlaceholdersAndRecords() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(REPAIRS + ".search.method", "DELETE");
        overrides.put(REPAIRS + ".search.path", "api/tickets?customer={customer}");
        overrides.put(REPAIRS + ".search.records", "tickets");
        overrides.put(REPAIRS + ".erase[0].method", "PURGE");
        overrides.put(REPAIRS + ".erase[0].path", "/api/tickets/{row.id}?by={value.name}");
        overrides.put(REPAIRS + ".erase[0].records", "/tickets");
        overrides.put(REPAIRS + ".restrict[0]", "UPDATE ticket SET hold = true WHERE id = :row_id");
        overrides.put(REPAIRS + ".rectify[0].method", "PATCH");
        overrides.put(REPAIRS + ".rectify[0].path", "/api/tickets");
        overrides.put(REPAIRS + ".rectify[0].body.customerName", "${value.name}");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment())).containsExactlyInAnyOrder(
                REPAIRS + ".search.method: 'DELETE' is not one of GET, POST",
                REPAIRS + ".search.path: must start with '/' (it is relative to the base URL)",
                REPAIRS + ".search.records: 'tickets' is not a JSON Pointer (e.g. /tickets, /data/items)",
                REPAIRS + ".search: unknown parameter {customer} (use {email}, {name}, {row.<field>} (actions) or {value.<field>} (rectify))",
                REPAIRS + ".search: a search must use the confirmed email address (:email; the name may narrow it), or it would find everyone or a namesake",
                REPAIRS + ".erase[0].method: 'PURGE' is not one of DELETE, GET, PATCH, POST, PUT",
                REPAIRS + ".erase[0].records: only a search has records",
                REPAIRS + ".erase[0]: {value.name} outside rectify; corrected values exist only in a rectification",
                REPAIRS + ".restrict[0]: an HTTP system's steps are calls {method, path, ...}, not SQL statements",
                REPAIRS + ".rectify[0].body: '${' is not a placeholder (use {email}, {name}, {row.<field>} (actions) or {value.<field>} (rectify))",
                REPAIRS + ".rectify[0]: an action must name a field of the confirmed row ({row.<field>}), so that it touches only the confirmed records");
    }

    @Test
    void anSqlSystemRefusesHttpCallsAndLimitsMustMakeSense() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(CUSTOMER + ".restrict[0].method", "POST");
        overrides.put(CUSTOMER + ".restrict[0].path", "/restrict/{row.id}");
        overrides.put(CRM + ".max-rows", "0");
        overrides.put(CRM + ".lock-duration", "5s");
        assertThat(SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment())).containsExactlyInAnyOrder(
                CUSTOMER + ".restrict[0]: an SQL system's steps are statements (a string), not HTTP calls",
                CRM + ".max-rows: must be at least 1",
                CRM + ".lock-duration: must be longer than the timeout (PT10S), or another worker takes the task while it runs");
    }

    @Test
    void aSystemIdIsUniqueAcrossTheRegisterAndWrittenInLowerCase() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("dsr.organisation.departments.accounts.systems.crm.name", "Another CRM");
        overrides.put("dsr.organisation.departments.accounts.systems.crm.sql.url-env", "FIETSEN_CRM_URL");
        overrides.put("dsr.organisation.departments.accounts.systems.crm.categories.repairs.search",
                "SELECT * FROM repair WHERE email = :email");
        overrides.put("dsr.organisation.departments.accounts.systems.[Ledger_2].name", "Old books");
        overrides.put("dsr.organisation.departments.accounts.systems.[Ledger_2].sql.url-env", "FIETSEN_CRM_URL");
        overrides.put("dsr.organisation.departments.accounts.systems.[Ledger_2].categories.customer.search",
                "SELECT * FROM old_purchase WHERE email = :email");
        List<String> problems = SystemsCheck.problems(Fietsen.registerWith(overrides), Fietsen.environment());
        assertThat(problems).containsExactlyInAnyOrder(
                // The register's order puts the overriding entry first: the shop's crm is the second one met.
                "dsr.organisation.departments.shop.systems.crm: the system id is also used under department 'accounts'; system ids are unique across the register",
                "dsr.organisation.departments.accounts.systems.Ledger_2: the system id must be lower-case letters, digits and hyphens, starting with a letter (at most 64)");
    }

    @Test
    void aWorkersNameIsLowerCaseLettersDigitsAndHyphens() {
        assertThat(SystemsCheck.problems(Fietsen.registerWith(Map.of(CRM + ".worker", "Warehouse_DC1", DESK + ".worker", "workshop-2")),
                Fietsen.environment(), java.util.Set.of("application", "workshop-2"))).containsExactly(
                CRM + ".worker: 'Warehouse_DC1' is not a worker's name: lower-case letters, digits and hyphens (e.g. warehouse-dc1),"
                        + " or application (the default: the worker inside the application)");
    }

    /**
     * The credentials of a system that a separate worker reaches in another network live only with that worker: the
     * application checks them for its own systems, the worker for its own (their names are checked everywhere).
     */
    @Test
    void environmentValuesAreCheckedOnlyWhereTheSystemIsServed() {
        var register = Fietsen.registerWith(Map.of(CRM + ".worker", "warehouse", DESK + ".worker", "warehouse",
                "dsr.organisation.departments.accounts.systems.ledger.worker", "warehouse",
                CRM + ".sql.password-env", "the password itself"));
        String notAName = CRM + ".sql.password-env: 'the password itself' is not the name of an environment variable"
                + " (the register names variables, never values)";
        MockEnvironment none = new MockEnvironment();
        assertThat(SystemsCheck.problems(register, none, java.util.Set.of("application"))).containsExactly(notAName);
        assertThat(SystemsCheck.problems(register, none, java.util.Set.of("warehouse"))).contains(notAName,
                DESK + ".http.base-url-env: the environment variable FIETSEN_REPAIRS_URL (the API's base URL) is not set");
        assertThat(SystemsCheck.problems(register, Fietsen.environment(), java.util.Set.of("warehouse"))).containsExactly(notAName);
    }

    /** The start-up refuses a register with a statement that is not parameterised, before it connects to anything. */
    @Test
    void aStatementThatIsNotParameterisedStopsTheStartNamingDepartmentSystemAndKey() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(DsrFlowApplication.class)
                .profiles("it")
                // An engine name of its own: it must not replace, in Camunda's registry, another test context's engine.
                .run("--server.port=0", "--camunda.bpm.process-engine-name=systemscheck",
                        "--dsr.register-location=classpath:" + Fietsen.REGISTER,
                        "--dsr.routing-location=classpath:organisations/fietsen/department-routing.dmn",
                        "--" + CUSTOMER + ".erase[0]=DELETE FROM newsletter_subscription WHERE customer_id = 1",
                        // The systems' environment, pointing nowhere: the start-up must not connect.
                        "--FIETSEN_CRM_URL=jdbc:postgresql://localhost:25499/crm", "--FIETSEN_CRM_USER=fietsen",
                        "--FIETSEN_CRM_PASSWORD=unused", "--FIETSEN_REPAIRS_URL=http://localhost:28099",
                        "--FIETSEN_REPAIRS_AUTH=unused")
                .close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StartupCheckException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the start-up check's failure").isNotNull();
        assertThat(cause.getMessage()).isEqualTo("The register's systems (dsr.organisation.departments.*.systems) are invalid:\n  - "
                + CUSTOMER + ".erase[0]" + REFUSED + "no named parameter (use :email, :name, :row_<field> (actions) or :value_<field> (rectify))");
    }
}
