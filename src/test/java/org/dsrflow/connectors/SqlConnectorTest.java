package org.dsrflow.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.dsrflow.testsupport.CrmDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL connector against Fietsen Noord's customer database (a real PostgreSQL, {@link CrmDatabase}), as the
 * register configures it: the person's rows and no one else's, the caps, a search that cannot write, actions in
 * one transaction, and failures that name the system and nothing of the person.
 */
class SqlConnectorTest {

    private Connectors connectors;
    private DataSystem crm;
    private DataSystem ledger;

    @BeforeAll
    static void database() {
        CrmDatabase.start();
    }

    @BeforeEach
    void fresh() {
        CrmDatabase.reset();
        connectors = Connectors.standalone(Fietsen.register(), Fietsen.environment());
        crm = connectors.system("crm").orElseThrow();
        ledger = connectors.system("ledger").orElseThrow();
    }

    @AfterEach
    void close() {
        connectors.destroy();
    }

    @Test
    void theRegisterNamesEachDepartmentsSystemsWithTheirSettings() {
        assertThat(connectors.systemsOf("shop")).extracting(DataSystem::id).containsExactly("crm");
        assertThat(connectors.systemsOf("accounts")).extracting(DataSystem::id).containsExactly("ledger");
        assertThat(connectors.systemsOf("workshop")).extracting(DataSystem::id).containsExactly("repair-desk");
        assertThat(crm.kind()).isEqualTo(DataSystem.Kind.SQL);
        assertThat(crm.name()).isEqualTo("Customer database (CRM)");
        assertThat(crm.categories()).containsExactly("customer");
        assertThat(crm.operations("customer")).containsExactly(Operation.ERASE, Operation.RECTIFY, Operation.RESTRICT);
        assertThat(crm.valueFields("customer")).containsExactly("city", "name", "phone");
        assertThat(crm.timeout()).hasSeconds(10);
        assertThat(ledger.operations("customer")).isEmpty();
        assertThat(ledger.retries()).isEqualTo(3);
        assertThat(ledger.maxRows()).isEqualTo(500);
        assertThat(ledger.maxBytes()).isEqualTo(1024 * 1024);
        assertThat(ledger.lockDuration()).hasMinutes(5);
        assertThat(connectors.system("nowhere")).isEmpty();
    }

    @Test
    void aSearchReturnsExactlyThePersonsRowsFromEachTableAsJsonFriendlyValues() {
        SearchResult customer = connectors.search(crm, "customer", Fietsen.JAN);
        assertThat(customer.truncated()).isFalse();
        // Both records under his address (in any case), with his newsletter subscription; not his namesake's, nor Anna's.
        assertThat(customer.rows()).containsExactly(
                row("id", 1, "name", "Jan de Vries", "email", "jan.devries@example.nl", "phone", "+31 6 1234 5678",
                        "city", "Groningen", "created_on", "2023-04-02", "newsletter_since", "2024-03-10T12:30"),
                row("id", 3, "name", "J. de Vries", "email", "Jan.DeVries@Example.NL", "phone", null,
                        "city", "Assen", "created_on", "2024-08-19", "newsletter_since", null));

        SearchResult purchases = connectors.search(ledger, "customer", Fietsen.JAN);
        assertThat(purchases.rows()).extracting(row -> row.get("id")).containsExactly(101, 102, 104);
        assertThat(purchases.rows().get(0)).containsEntry("item", "Gazelle city bike").containsEntry("ordered_on", "2024-03-10")
                .containsEntry("amount", new java.math.BigDecimal("899.00"));
    }

    @Test
    void aSearchForSomeoneTheSystemDoesNotKnowFindsNothing() {
        assertThat(connectors.search(crm, "customer", new Identity("nobody@example.nl", "No Body")).rows()).isEmpty();
    }

    @Test
    void theRowCapTruncatesTheSearch() {
        DataSystem capped = Fietsen.withLimits(crm, 1, null);
        SearchResult result = connectors.search(capped, "customer", Fietsen.JAN);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).extracting(row -> row.get("id")).containsExactly(1);
    }

    @Test
    void theByteCapTruncatesTheSearchAtTheJsonSizeOfTheRows() {
        // The rows are 172 and 140 bytes of JSON ([...] and a comma between): 250 bytes hold the first, not both (315).
        DataSystem capped = Fietsen.withLimits(crm, null, org.springframework.util.unit.DataSize.ofBytes(250));
        SearchResult result = connectors.search(capped, "customer", Fietsen.JAN);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).extracting(row -> row.get("id")).containsExactly(1);
    }

    @Test
    void aSearchCannotWriteBecauseItRunsInAReadOnlyTransaction() {
        DataSystem writing = Fietsen.withSearch(crm, "customer", "WITH gone AS (DELETE FROM newsletter_subscription n"
                + " USING customer c WHERE c.id = n.customer_id AND lower(c.email) = lower(:email) RETURNING n.id) SELECT id FROM gone");
        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connectors.search(writing, "customer", Fietsen.JAN));
        assertThat(failure.systemId()).isEqualTo("crm");
        assertThat(failure.reason()).isEqualTo("statement failed: SQL state 25006 (search)"); // read_only_sql_transaction
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription ORDER BY id")).hasSize(3);
    }

    @Test
    void anErasureAnonymisesOnlyTheConfirmedRowsInOneTransaction() {
        List<Map<String, Object>> found = connectors.search(crm, "customer", Fietsen.JAN).rows();
        List<Map<String, Object>> confirmed = List.of(found.get(0)); // the department confirmed record 1, not record 3

        ActionResult result = connectors.act(crm, "customer", Operation.ERASE, Fietsen.JAN, confirmed, Map.of());

        assertThat(result.rowsAffected()).isEqualTo(2); // his subscription deleted, his customer record anonymised
        assertThat(result.calls()).isEmpty();
        assertThat(CrmDatabase.rows("SELECT id, name, email, phone, city, erased FROM customer ORDER BY id")).containsExactly(
                row("id", 1, "name", "erased", "email", null, "phone", null, "city", null, "erased", true),
                row("id", 2, "name", "Anna Bakker", "email", "anna.bakker@example.nl", "phone", "+31 6 2222 3333", "city", "Utrecht", "erased", false),
                row("id", 3, "name", "J. de Vries", "email", "Jan.DeVries@Example.NL", "phone", null, "city", "Assen", "erased", false),
                row("id", 4, "name", "Jan de Vries", "email", "jan.vries@example.com", "phone", "+45 20 11 22 33", "city", "Aarhus", "erased", false),
                row("id", 5, "name", "Piet Jansen", "email", "piet@example.nl", "phone", null, "city", "Zwolle", "erased", false));
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription ORDER BY id")).extracting(row -> row.get("id"))
                .containsExactly(202, 203);
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM purchase").get(0).get("n")).isEqualTo(5L); // the books keep them
    }

    @Test
    void aFailingSecondStatementRollsTheFirstBackAndNamesTheStatementAndSqlStateOnly() {
        DataSystem broken = Fietsen.withErase(crm, "customer", List.of(
                "DELETE FROM newsletter_subscription WHERE customer_id = :row_id",
                "UPDATE customer_archive SET name = 'erased' WHERE id = :row_id"));
        List<Map<String, Object>> found = connectors.search(broken, "customer", Fietsen.JAN).rows();

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connectors.act(broken, "customer", Operation.ERASE, Fietsen.JAN, found, Map.of()));

        assertThat(failure.systemId()).isEqualTo("crm");
        assertThat(failure.reason()).isEqualTo("statement failed: SQL state 42P01 (erase[1])"); // undefined_table
        assertThat(failure.getMessage()).doesNotContain("jan", "Jan", "Vries", "customer_archive");
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription ORDER BY id")).hasSize(3);
    }

    @Test
    void aRectificationWritesTheCorrectedValuesIntoTheConfirmedRowOnly() {
        List<Map<String, Object>> found = connectors.search(crm, "customer", Fietsen.JAN).rows();

        ActionResult result = connectors.act(crm, "customer", Operation.RECTIFY, Fietsen.JAN, List.of(found.get(1)),
                Map.of("name", "Jan de Vries", "city", "Groningen"));

        assertThat(result.rowsAffected()).isEqualTo(1);
        assertThat(CrmDatabase.rows("SELECT id, name, phone, city FROM customer WHERE id IN (1, 3) ORDER BY id")).containsExactly(
                row("id", 1, "name", "Jan de Vries", "phone", "+31 6 1234 5678", "city", "Groningen"),
                row("id", 3, "name", "Jan de Vries", "phone", null, "city", "Groningen")); // phone not given: kept
    }

    @Test
    void aRestrictionMarksTheConfirmedRows() {
        List<Map<String, Object>> found = connectors.search(crm, "customer", Fietsen.JAN).rows();

        ActionResult result = connectors.act(crm, "customer", Operation.RESTRICT, Fietsen.JAN, found, Map.of());

        assertThat(result.rowsAffected()).isEqualTo(2);
        assertThat(CrmDatabase.rows("SELECT id FROM customer WHERE restricted ORDER BY id")).extracting(row -> row.get("id"))
                .containsExactly(1, 3);
    }

    @Test
    void thePreviewShowsEachStatementAndHowManyTimesItRunsWithoutValues() {
        List<Map<String, Object>> found = connectors.search(crm, "customer", Fietsen.JAN).rows();

        assertThat(connectors.preview(crm, "customer", Operation.ERASE, found, Map.of())).containsExactly(
                "DELETE FROM newsletter_subscription WHERE customer_id = :row_id  [runs 2 times, once per confirmed row]",
                "UPDATE customer SET name = 'erased', email = NULL, phone = NULL, city = NULL, erased = true WHERE id = :row_id"
                        + "  [runs 2 times, once per confirmed row]");
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription")).hasSize(3); // a preview changes nothing
    }

    @Test
    void aDatabaseThatIsDownGivesAConnectorExceptionNamingTheSystem() {
        org.springframework.mock.env.MockEnvironment environment = Fietsen.environment();
        environment.setProperty("FIETSEN_CRM_URL", "jdbc:postgresql://localhost:25499/crm"); // nothing listens there
        Connectors elsewhere = Connectors.standalone(Fietsen.register(), environment);
        try {
            DataSystem down = Fietsen.withTimeout(elsewhere.system("crm").orElseThrow(), java.time.Duration.ofSeconds(1));
            ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                    () -> elsewhere.search(down, "customer", Fietsen.JAN));
            assertThat(failure.systemId()).isEqualTo("crm");
            assertThat(failure.reason()).isEqualTo("connection refused");
        } finally {
            elsewhere.destroy();
        }
    }

    /** A row as a map in the order given: name, value, name, value... */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
