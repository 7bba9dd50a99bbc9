package org.dsrflow.systems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.response.DocumentService;
import org.dsrflow.testsupport.CrmDatabase;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.FietsenOrganisationTest;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.RepairDeskApi;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * The second organisation's systems (a CRM in a second embedded PostgreSQL, a repair desk API in WireMock) searched
 * and acted on through the request process: the department confirms instead of searching, an erasure it confirmed is
 * carried out and recorded, a system that stays down is an incident and the department answers by hand.
 */
@FietsenOrganisationTest
class DepartmentSystemsTest extends WithGreenMail {

    private static final String JAN = RepairDeskApi.JAN;

    @LocalServerPort
    int port;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    ManagementService management;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;
    @Autowired
    SystemWorker worker;
    @Autowired
    SystemRunRepository runs;
    @Autowired
    RequestRepository requests;
    @Autowired
    DocumentService documents;
    @Autowired
    ObjectMapper json;

    private DepartmentWork work;

    @BeforeEach
    void systemsAsTheScriptMakesThem() {
        CrmDatabase.reset();
        RepairDeskApi.reset();
        work = new DepartmentWork(tasks, management);
        for (String group : List.of("shop", "workshop", "accounts", "privacy", "managers")) {
            if (identity.createUserQuery().userId(TestUsers.of(group)).count() == 0) {
                var user = identity.newUser(TestUsers.of(group));
                user.setPassword(TestUsers.PASSWORD);
                identity.saveUser(user);
                identity.createMembership(TestUsers.of(group), group);
            }
        }
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
        RepairDeskApi.up();
    }

    private String confirmed(String type, String name, String email, List<String> categories) {
        return Requests.confirmed(intake, management, process, new NewRequest(type, name, email, "NL", "en", categories, null));
    }

    @Test
    void anAccessRequestsDepartmentsConfirmExactlyThePersonsRowsAndTheAnswerCarriesThemAsRecords() throws Exception {
        RepairDeskApi.tickets(JAN, """
                [{"id": 7001, "frame": "NL-4711", "repair": "new chain", "on": "2025-03-02"},
                 {"id": 7002, "frame": "NL-4711", "repair": "brake pads", "on": "2025-09-14"}]""");
        String reference = confirmed("ACCESS", "Jan de Vries", JAN, List.of());

        // The systems are searched before any department's task opens.
        assertThat(work.tasks(reference)).isEmpty();
        assertThat(worker.runOnce()).isEqualTo(3);
        assertThat(work.tasks(reference).stream().map(work::department).toList()).containsExactlyInAnyOrder("shop", "workshop", "accounts");
        assertThat(tasks.getVariable(work.task(reference, "shop").getId(), "departmentSystems"))
                .isEqualTo("Customer database (CRM): 2 records");
        assertThat(tasks.getVariable(work.task(reference, "workshop").getId(), "departmentSystems"))
                .isEqualTo("Repair desk (helpdesk API): 2 records");
        // The calls the repair desk saw: the person's confirmed address, with the system's key; never anyone else's.
        assertThat(RepairDeskApi.callLines()).containsExactly("GET /api/tickets?customer=jan.devries%40example.nl");

        long id = requests.findByReference(reference).orElseThrow().id();
        List<SystemRunRepository.Row> crm = rowsOf(id, "crm");
        assertThat(crm).extracting(row -> row.fields().get("id")).containsExactly(1, 3);
        assertThat(crm).extracting(row -> row.fields().get("city")).containsExactly("Groningen", "Assen");
        assertThat(rowsOf(id, "ledger")).extracting(row -> row.fields().get("id")).containsExactly(101, 102, 104);

        // The shop's page: its rows (not the workshop's), each with a way to exclude it; nobody else's.
        Http shop = WebappSessions.logIn(port, "shop", "tasklist");
        String page = HtmlUtils.htmlUnescape(shop.get("/staff/requests/" + reference + "/department-systems").body());
        assertThat(page).contains("Customer database (CRM)", "Groningen", "Assen")
                .doesNotContain("Utrecht", "Aarhus", "Zwolle", "anna.bakker", "new chain", "Gazelle city bike");
        // J. de Vries in Assen is not this person: the shop excludes the row.
        long assen = crm.get(1).id();
        Http.Response excluded = shop.postForm("/staff/requests/" + reference + "/department-systems/rows/" + assen,
                Map.of("exclude", "true"), WebappSessions.csrf(shop));
        assertThat(excluded.status()).isEqualTo(303);
        // Another department cannot see or change the shop's rows.
        Http workshop = WebappSessions.logIn(port, "workshop", "tasklist");
        assertThat(workshop.postForm("/staff/requests/" + reference + "/department-systems/rows/" + crm.get(0).id(),
                Map.of("exclude", "true"), WebappSessions.csrf(workshop)).status()).isEqualTo(404);
        assertThat(HtmlUtils.htmlUnescape(workshop.get("/staff/requests/" + reference + "/department-systems").body()))
                .contains("new chain").doesNotContain("Groningen");

        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "yes"));
        }
        // With its task done, the shop no longer sees the rows: the same 404 as for any request not its own.
        Http.Response done = shop.get("/staff/requests/" + reference + "/department-systems");
        assertThat(done.status()).isEqualTo(404);
        assertThat(done.body()).contains("no open department task").doesNotContain("Groningen");
        work.approve(reference);

        String report = HtmlUtils.htmlUnescape(documents.latest(id, DocumentService.HTML).orElseThrow().content());
        assertThat(report).contains("From our system Customer database (CRM):", "Groningen", "Gazelle city bike", "brake pads")
                .doesNotContain("Assen", "Utrecht", "Aarhus");
        JsonNode export = json.readTree(documents.latest(id, DocumentService.JSON).orElseThrow().content());
        List<JsonNode> records = new ArrayList<>();
        export.path("categories").forEach(section -> section.path("findings").forEach(finding -> {
            if ("Customer database (CRM)".equals(finding.path("system").asText())) {
                finding.path("records").forEach(records::add);
            }
        }));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("email").asText()).isEqualTo(JAN);
        assertThat(records.get(0).path("phone").asText()).isEqualTo("+31 6 1234 5678");
    }

    @Test
    void anErasureChangesOnlyThePersonsConfirmedRowsAfterTheDepartmentConfirmedAndNeverTheRetainedCategory() throws Exception {
        String reference = confirmed("ERASURE", "Jan de Vries", JAN, List.of("customer"));
        assertThat(worker.runOnce()).isEqualTo(2); // the shop's CRM and the books' ledger
        long id = requests.findByReference(reference).orElseThrow().id();

        // Searched, shown with what will run, but nothing changed before the department confirms.
        Http shop = WebappSessions.logIn(port, "shop", "tasklist");
        String page = HtmlUtils.htmlUnescape(shop.get("/staff/requests/" + reference + "/department-systems").body());
        assertThat(page).contains("Nothing is changed in your systems until you complete your task",
                "DELETE FROM newsletter_subscription WHERE customer_id = :row_id");
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM customer WHERE erased")).containsExactly(Map.of("n", 0L));
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription ORDER BY id"))
                .extracting(row -> row.get("id")).containsExactly(201, 202, 203);

        work.complete(work.task(reference, "shop"), Map.of("customer", Map.of("action", "erased"), "recipients", "none"));
        work.complete(work.task(reference, "accounts"), Map.of("customer", Map.of("action", "retained", "rule", "fiscal",
                "kept", "3 invoices", "until", "2033-12-31"), "recipients", "none"));
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM customer WHERE erased")).containsExactly(Map.of("n", 0L));
        assertThat(worker.runOnce()).isEqualTo(1); // only the shop's confirmed erasure; the books keep theirs

        assertThat(CrmDatabase.rows("SELECT id, coalesce(email, '') AS email, erased FROM customer ORDER BY id")).containsExactly(
                Map.of("id", 1, "email", "", "erased", true), Map.of("id", 2, "email", "anna.bakker@example.nl", "erased", false),
                Map.of("id", 3, "email", "", "erased", true), Map.of("id", 4, "email", "jan.vries@example.com", "erased", false),
                Map.of("id", 5, "email", "piet@example.nl", "erased", false));
        assertThat(CrmDatabase.rows("SELECT id FROM newsletter_subscription ORDER BY id"))
                .extracting(row -> row.get("id")).containsExactly(202, 203);
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM purchase")).containsExactly(Map.of("n", 5L));
        SystemRunRepository.Run erased = runs.ofRequest(id).stream().filter(run -> run.kind() == SystemRunRepository.Kind.ERASE)
                .findFirst().orElseThrow();
        assertThat(erased.status()).isEqualTo(SystemRunRepository.Status.DONE);
        assertThat(erased.systemId()).isEqualTo("crm");
        assertThat(erased.affected()).isEqualTo(3); // one subscription deleted, two customer records anonymised

        // On the request: what was searched and changed where, without personal data, for the privacy team and managers.
        for (String group : List.of("privacy", "managers")) {
            Http staff = WebappSessions.logIn(port, group, "privacy".equals(group) ? "tasklist" : "cockpit");
            String casePage = HtmlUtils.htmlUnescape(staff.get("/staff/requests/" + reference).body());
            assertThat(casePage).as(group).contains("The departments' systems: searched and changed", "Customer database (CRM)",
                    "done: 2 records found", "erase", "done: 3 rows affected", "Bookkeeping (purchases in the CRM database)")
                    .doesNotContain("Groningen", "+31 6 1234 5678");
        }

        work.approve(reference);
        assertThat(org.dsrflow.testsupport.Mails.everything(org.dsrflow.testsupport.Mails.lastTo(greenMail, JAN)))
                .contains("What was changed in our systems", "The shop, Customer details: changed in Customer database (CRM) (3 records)");
    }

    @Test
    void aSystemThatStaysDownIsRetriedThenAnIncidentNamingItAndTheDepartmentAnswersByHand() {
        RepairDeskApi.down();
        String reference = confirmed("ACCESS", "Anna Bakker", RepairDeskApi.ANNA, List.of("repairs"));
        // Three attempts (the register gives the repair desk two retries, 30 s apart, then 60 s).
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(work.tasks(reference).stream().map(work::department).toList()).doesNotContain("workshop");
        later(Duration.ofSeconds(31));
        assertThat(worker.runOnce()).isEqualTo(1);
        later(Duration.ofSeconds(61));
        assertThat(worker.runOnce()).isEqualTo(1);
        later(Duration.ofMinutes(10));
        assertThat(worker.runOnce()).isZero();

        String instance = requests.findByReference(reference).orElseThrow().processInstanceId();
        List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(instance).list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getIncidentMessage()).contains("repair-desk", "Repair desk (helpdesk API)", "given up after 3 attempts", "503")
                .doesNotContain("anna", "Anna", "example.nl");
        // The department's task opened all the same, saying what could not be searched.
        Task workshop = work.task(reference, "workshop");
        assertThat(tasks.getVariable(workshop.getId(), "departmentSystems"))
                .isEqualTo("Repair desk (helpdesk API): could not be searched, search it by hand");
        work.complete(workshop, Map.of("found", "yes", "repairs", Map.of("data", "Frame NL-0815: new tyre 2024")));
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        Jobs.executeDue(management);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("user_privacy_review").count()).isEqualTo(1);
    }

    @Test
    void aRectificationWritesTheCorrectedValuesTheDepartmentGaveIntoTheConfirmedRowsOnly() {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RECTIFICATION", "Jan de Vries", JAN, "NL",
                "en", List.of("customer"), "My phone number is now +31 6 9999 0000."));
        worker.runOnce();
        Http shop = WebappSessions.logIn(port, "shop", "tasklist");
        String path = "/staff/requests/" + reference + "/department-systems";
        String page = HtmlUtils.htmlUnescape(shop.get(path).body());
        assertThat(page).contains("The corrected values this system needs", "name=\"value_phone\"", "name=\"value_city\"");
        // A system that is not the department's, or a value too long: refused, saying why, nothing stored.
        Http.Response foreign = shop.postForm(path + "/corrections", Map.of("system", "repair-desk", "category", "repairs",
                "value_name", "x"), WebappSessions.csrf(shop));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("must name a system of your department");
        Http.Response tooLong = shop.postForm(path + "/corrections", Map.of("system", "crm", "category", "customer",
                "value_phone", "9".repeat(4001)), WebappSessions.csrf(shop));
        assertThat(tooLong.status()).isEqualTo(400);
        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(runs.corrections(id, "crm", "customer")).isEmpty();

        assertThat(shop.postForm(path + "/corrections", Map.of("system", "crm", "category", "customer",
                "value_phone", "+31 6 9999 0000"), WebappSessions.csrf(shop)).status()).isEqualTo(303);
        assertThat(HtmlUtils.htmlUnescape(shop.get(path).body())).contains("value=\"+31 6 9999 0000\"");
        work.complete(work.task(reference, "shop"), Map.of("customer", Map.of("action", "corrected",
                "correction", "Phone number updated in the CRM"), "recipients", "none"));
        work.complete(work.task(reference, "accounts"), Map.of("customer", Map.of("action", "none", "reason", "no phone numbers in the books"),
                "recipients", "none"));
        assertThat(worker.runOnce()).isEqualTo(1);

        assertThat(CrmDatabase.rows("SELECT id, coalesce(phone, '') AS phone, city FROM customer ORDER BY id")).containsExactly(
                Map.of("id", 1, "phone", "+31 6 9999 0000", "city", "Groningen"), Map.of("id", 2, "phone", "+31 6 2222 3333", "city", "Utrecht"),
                Map.of("id", 3, "phone", "+31 6 9999 0000", "city", "Assen"), Map.of("id", 4, "phone", "+45 20 11 22 33", "city", "Aarhus"),
                Map.of("id", 5, "phone", "", "city", "Zwolle"));
    }

    @Test
    void aRestrictionIsCarriedOutOnceEvenWhenTheCorrectedAnswerConfirmsItAgain() {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("RESTRICTION", "Jan de Vries", JAN, "NL",
                "en", List.of("customer"), "My phone number is wrong; do not use it until you have checked.", false, null, null, null,
                "ACCURACY_CONTESTED"));
        worker.runOnce();
        work.complete(work.task(reference, "shop"), Map.of("customer", Map.of("action", "restricted", "how", "flagged in the CRM"),
                "recipients", "none"));
        work.complete(work.task(reference, "accounts"), Map.of("customer", Map.of("action", "none"), "recipients", "none"));
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(CrmDatabase.rows("SELECT id FROM customer WHERE restricted ORDER BY id")).extracting(row -> row.get("id"))
                .containsExactly(1, 3);

        // The privacy team returns the shop's answer; its corrected answer confirms the restriction again: not run twice.
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("user_privacy_review").singleResult();
        tasks.complete(review.getId(), Map.of("reviewDecision", "return", "returnTo", "shop", "returnComment", "Say how it is flagged."));
        Jobs.executeDue(management);
        Task rework = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("user_department_rework").singleResult();
        tasks.complete(rework.getId(), Map.of("answer", Map.of("customer", Map.of("action", "restricted",
                "how", "the CRM's restricted flag: no marketing, no reminders"), "recipients", "none")));
        Jobs.executeDue(management);
        assertThat(worker.runOnce()).isZero();
        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(runs.ofRequest(id)).filteredOn(run -> run.kind() == SystemRunRepository.Kind.RESTRICT).hasSize(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("user_privacy_review").count()).isEqualTo(1);
    }

    // The review's findings (each of these failed on 69cbe5b, shown by the reviewer's scratch test):

    /** An erasure of repair history by someone with two tickets at the repair desk (an address of the test's own). */
    private String erasureOfRepairs(String email) {
        RepairDeskApi.tickets(email, "[{\"id\": 17, \"frame\": \"NL-4711\"}, {\"id\": 23, \"frame\": \"NL-4711\"}]");
        return confirmed("ERASURE", "Jan de Vries", email, List.of("repairs"));
    }

    @Test
    void rowsASearchFindsAfterTheDepartmentAnsweredAreNeitherShownNorErased() {
        RepairDeskApi.down();
        String reference = erasureOfRepairs(Requests.newAddress("late"));
        assertThat(worker.runOnce()).isEqualTo(1); // the first attempt: 503, retried in 30 s
        later(Duration.ofMinutes(61));
        Jobs.executeDue(management); // the wait's time limit: the department's task opens while the desk is still down
        Task workshop = work.task(reference, "workshop");
        assertThat(tasks.getVariable(workshop.getId(), "departmentSystems")).isEqualTo("Repair desk (helpdesk API): still searching");
        work.complete(workshop, Map.of("repairs", Map.of("action", "erased"), "recipients", "none"));
        RepairDeskApi.up();

        // The search's retry and the confirmed erasure, in either order: the search is abandoned, nothing is deleted.
        later(Duration.ofMinutes(2));
        worker.runOnce();
        assertThat(RepairDeskApi.callLines()).noneMatch(call -> call.startsWith("DELETE"));
        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(runs.ofRequest(id)).filteredOn(run -> run.kind() == SystemRunRepository.Kind.SEARCH)
                .extracting(SystemRunRepository.Run::status).containsExactly(SystemRunRepository.Status.ABANDONED);
        assertThat(runs.ofRequest(id)).filteredOn(run -> run.kind() == SystemRunRepository.Kind.ERASE)
                .extracting(SystemRunRepository.Run::status).containsExactly(SystemRunRepository.Status.SKIPPED);
        assertThat(runtime.createIncidentQuery().processInstanceId(requests.findById(id).orElseThrow().processInstanceId()).count()).isZero();
    }

    @Test
    void aRetriedHttpErasureGoesOnWithTheRowsNotYetDoneInsteadOfRepeatingCalls() {
        String reference = erasureOfRepairs(Requests.newAddress("retry"));
        worker.runOnce();
        work.complete(work.task(reference, "workshop"), Map.of("repairs", Map.of("action", "erased"), "recipients", "none"));
        RepairDeskApi.fails("DELETE", "/api/tickets/23", 503);
        assertThat(worker.runOnce()).isEqualTo(1);
        List<String> calls = new ArrayList<>(RepairDeskApi.callLines());
        RepairDeskApi.reset(); // the desk is back (WireMock forgets the calls: kept above)
        later(Duration.ofSeconds(31));
        assertThat(worker.runOnce()).isEqualTo(1);
        calls.addAll(RepairDeskApi.callLines());

        assertThat(calls).filteredOn(call -> call.startsWith("DELETE")).containsExactly(
                "DELETE /api/tickets/17", "DELETE /api/tickets/23", "DELETE /api/tickets/23");
        long id = requests.findByReference(reference).orElseThrow().id();
        SystemRunRepository.Run erased = runs.ofRequest(id).stream().filter(run -> run.kind() == SystemRunRepository.Kind.ERASE)
                .findFirst().orElseThrow();
        assertThat(erased.status()).isEqualTo(SystemRunRepository.Status.DONE);
        assertThat(erased.affected()).isEqualTo(2); // records, not calls
    }

    @Test
    void anErasureInASystemThatCouldNotBeSearchedIsNotReportedAsCarriedOut() throws Exception {
        RepairDeskApi.down();
        String email = Requests.newAddress("down");
        String reference = erasureOfRepairs(email);
        worker.runOnce();
        later(Duration.ofSeconds(31));
        worker.runOnce();
        later(Duration.ofSeconds(61));
        worker.runOnce();
        work.complete(work.task(reference, "workshop"), Map.of("repairs", Map.of("action", "erased"), "recipients", "none"));
        RepairDeskApi.up();
        worker.runOnce();
        work.complete(work.task(reference, "accounts"), Map.of("repairs", Map.of("action", "none"), "recipients", "none"));
        work.approve(reference);

        long id = requests.findByReference(reference).orElseThrow().id();
        assertThat(runs.ofRequest(id)).filteredOn(run -> run.kind() == SystemRunRepository.Kind.ERASE)
                .extracting(SystemRunRepository.Run::status).containsExactly(SystemRunRepository.Status.SKIPPED);
        assertThat(RepairDeskApi.callLines()).noneMatch(call -> call.startsWith("DELETE"));
        assertThat(org.dsrflow.testsupport.Mails.everything(org.dsrflow.testsupport.Mails.lastTo(greenMail, email)))
                .contains("The workshop, Repair history: Repair desk (helpdesk API) was not changed automatically; the department does it by hand")
                .doesNotContain("changed in Repair desk");
    }

    @Test
    void aDepartmentCannotAnswerFoundNoWhileItKeepsRowsItsSystemsFound() {
        String email = Requests.newAddress("piet");
        CrmDatabase.addCustomer("Piet Nieuw", email);
        String reference = confirmed("ACCESS", "Piet Nieuw", email, List.of("customer"));
        worker.runOnce();
        Task shop = work.task(reference, "shop");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(shop.getId(), Map.of("answer", Map.of("found", "no"))))
                .hasMessageContaining("your systems found records about the person in customer: exclude each that is not this person's");
        // The shop excludes the row (not this person after all); then "no" is an honest answer and nothing goes out.
        long id = requests.findByReference(reference).orElseThrow().id();
        Http session = WebappSessions.logIn(port, "shop", "tasklist");
        for (SystemRunRepository.Row row : rowsOf(id, "crm")) {
            session.postForm("/staff/requests/" + reference + "/department-systems/rows/" + row.id(), Map.of("exclude", "true"),
                    WebappSessions.csrf(session));
        }
        work.complete(shop, Map.of("found", "no"));
        work.complete(work.task(reference, "accounts"), Map.of("found", "yes"));
        work.approve(reference);
        assertThat(documents.latest(id, DocumentService.HTML).orElseThrow().content()).doesNotContain("Leeuwarden")
                .contains("Bell"); // the books' purchase, which accounts kept
    }

    /**
     * Cockpit's "Increment number of retries" on a system task's incident (the call its button makes, with the webapp
     * session): the privacy team, which may retry a failed job (RETRY_JOB), retries the failed search, which then runs
     * again; a manager, who follows incidents but changes nothing, is refused.
     */
    @Test
    void thePrivacyTeamRetriesAFailedSystemSearchFromCockpitAndItRunsAgainWhileAManagerCannot() {
        RepairDeskApi.down();
        String reference = confirmed("ACCESS", "Anna Bakker", Requests.newAddress("anna"), List.of("repairs"));
        assertThat(worker.runOnce()).isEqualTo(1);
        later(Duration.ofSeconds(31));
        assertThat(worker.runOnce()).isEqualTo(1);
        later(Duration.ofSeconds(61));
        assertThat(worker.runOnce()).isEqualTo(1);
        String instance = requests.findByReference(reference).orElseThrow().processInstanceId();
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        RepairDeskApi.up();
        String retry = "/camunda/api/engine/engine/default/external-task/" + incident.getConfiguration() + "/retries";

        Http manager = WebappSessions.logIn(port, "managers", "cockpit");
        assertThat(manager.put(retry, "{\"retries\": 1}", WebappSessions.csrf(manager)).status()).isEqualTo(403);
        assertThat(worker.runOnce()).isZero();

        Http privacy = WebappSessions.logIn(port, "privacy", "cockpit");
        Http.Response retried = privacy.put(retry, "{\"retries\": 1}", WebappSessions.csrf(privacy));
        assertThat(retried.status()).as(retried.body()).isEqualTo(204);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(worker.runOnce()).isEqualTo(1);
        SystemRunRepository.Run search = runs.ofRequest(requests.findByReference(reference).orElseThrow().id()).get(0);
        assertThat(search.status()).isEqualTo(SystemRunRepository.Status.DONE);
        assertThat(search.outcome()).isEqualTo("0 records found");
    }

    private List<SystemRunRepository.Row> rowsOf(long requestId, String system) {
        return runs.ofRequest(requestId).stream().filter(run -> run.systemId().equals(system)).findFirst()
                .map(run -> runs.rows(run.id())).orElseThrow();
    }

    private static void later(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }
}
