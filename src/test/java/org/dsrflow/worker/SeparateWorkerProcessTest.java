package org.dsrflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.dsrflow.testsupport.TestPorts;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.process.SystemTasks;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.systems.SystemRunRepository;
import org.dsrflow.testsupport.CrmDatabase;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.FietsenOrganisationTest;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.RepairDeskApi;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The separate worker process — the packaged jar, started by its one command with the systems' environment, next to the
 * second organisation's CRM and repair desk — serves the same tasks as the worker inside the application (which this
 * context leaves idle): the departments' tasks open with the person's rows, a confirmed erasure is carried out in the
 * CRM, and its log names systems, runs and counts, never the person. The staff API it reports to refuses callers outside
 * system-workers, another worker's task and bad bodies. Named {@code application} here: the register's systems are the
 * application's, and the application's own worker is off (as {@code dsr.systems.worker: off} would be).
 */
@FietsenOrganisationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateWorkerProcessTest {

    /** For the whole class (the requests are made before the worker process starts): the same SMTP port as WithGreenMail's. */
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestPorts.SMTP).withPerMethodLifecycle(false);

    private static final String WORKER = "fietsenworker";
    private static final String OTHER = "otherworker";
    private static final String PASSWORD = "worker-" + UUID.randomUUID();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String TASKS = "/api/staff/systems/tasks/";

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
    IdentityService identity;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    SystemRunRepository runs;
    @Autowired
    RequestRepository requests;

    private DepartmentWork work;
    private WorkerProcess worker;
    /** A system search another worker holds (locked before the worker process started). */
    private String held;
    private String heldAddress;
    private long heldRequest;

    @BeforeAll
    void accountsATaskAnotherWorkerHoldsAndTheWorkerProcess() {
        CrmDatabase.reset();
        RepairDeskApi.reset();
        work = new DepartmentWork(tasks, management);
        account(WORKER, PASSWORD, "system-workers");
        account(OTHER, PASSWORD, "system-workers");
        for (String group : List.of("shop", "workshop", "accounts")) {
            account(TestUsers.of(group), TestUsers.PASSWORD, group);
        }
        heldAddress = Requests.newAddress("held");
        heldRequest = requests.findByReference(confirmed("ACCESS", "Held Person", heldAddress, List.of("repairs"))).orElseThrow().id();
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, OTHER).topic(SystemTasks.TOPIC_HTTP, Duration.ofHours(1).toMillis())
                .execute();
        assertThat(locked).hasSize(1);
        held = locked.get(0).getId();

        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("dsr.worker.name", "application");
        arguments.put("dsr.worker.engine-url", "http://localhost:" + port + "/engine-rest");
        arguments.put("dsr.worker.username", WORKER);
        arguments.put("dsr.worker.poll-interval", "1s");
        Map<String, String> environment = new LinkedHashMap<>(CrmDatabase.ENVIRONMENT);
        environment.putAll(RepairDeskApi.ENVIRONMENT);
        environment.put("DSR_WORKER_PASSWORD", PASSWORD);
        environment.put("DSR_REGISTER_LOCATION", getClass().getResource("/organisations/fietsen/processing-register.yaml").toString());
        worker = WorkerProcess.start(arguments, environment);
    }

    @AfterAll
    void stopTheWorkerProcess() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    @Order(1)
    void theWorkerProcessSearchesTheSystemsAndTheDepartmentsTasksOpenWithThePersonsRows() {
        String address = Requests.newAddress("jan.devries");
        int customer = CrmDatabase.addCustomer("Jan de Vries", address);
        RepairDeskApi.tickets(address, """
                [{"id": 7101, "frame": "NL-8899", "customerName": "Jan de Vries", "opened": "2025-04-01", "work": "new saddle"}]""");
        String reference = confirmed("ACCESS", "Jan de Vries", address, List.of());
        long request = requests.findByReference(reference).orElseThrow().id();

        await("the three departments' tasks open", () -> work.tasks(reference).size() == 3);
        assertThat(tasks.getVariable(work.task(reference, "shop").getId(), "departmentSystems"))
                .isEqualTo("Customer database (CRM): 1 record");
        assertThat(tasks.getVariable(work.task(reference, "workshop").getId(), "departmentSystems"))
                .isEqualTo("Repair desk (helpdesk API): 1 record");
        assertThat(tasks.getVariable(work.task(reference, "accounts").getId(), "departmentSystems"))
                .isEqualTo("Bookkeeping (purchases in the CRM database): 1 record");
        assertThat(rowsOf(request, "crm")).singleElement().satisfies(row -> {
            assertThat(row.fields()).containsEntry("id", customer).containsEntry("email", address).containsEntry("city", "Leeuwarden");
        });
        assertThat(rowsOf(request, "ledger")).singleElement().satisfies(row -> assertThat(row.fields()).containsEntry("item", "Bell"));
        assertThat(rowsOf(request, "repair-desk")).singleElement()
                .satisfies(row -> assertThat(row.fields()).containsEntry("id", 7101).containsEntry("work", "new saddle"));
        assertThat(RepairDeskApi.callLines()).contains("GET /api/tickets?customer=" + address.replace("@", "%40"));

        await("the worker's log lines of the searches", () -> worker.log().contains("System crm (SQL): search run")
                && worker.log().contains("System repair-desk (HTTP): search run"));
        assertThat(worker.log()).contains("System crm (SQL): search run", "System repair-desk (HTTP): search run", "1 row found")
                .as("neither the engine nor a web server in the worker process").doesNotContain("ENGINE-", "Tomcat", "DsrFlowApplication");
        assertNoPersonalData(worker.log(), address, "Leeuwarden", "+31 6 0000 0000", "new saddle", "NL-8899", "Bell");
    }

    @Test
    @Order(2)
    void theWorkerProcessCarriesOutTheErasureTheShopConfirmedAndNothingBefore() {
        String address = Requests.newAddress("jan.devries");
        int customer = CrmDatabase.addCustomer("Jan de Vries", address);
        String reference = confirmed("ERASURE", "Jan de Vries", address, List.of("customer"));
        long request = requests.findByReference(reference).orElseThrow().id();
        await("the shop's and the books' tasks open", () -> work.tasks(reference).size() == 2);
        assertThat(CrmDatabase.rows("SELECT erased FROM customer WHERE id = " + customer)).containsExactly(Map.of("erased", false));

        // The books keep theirs (no action); then the shop confirms its erasure, which the worker process carries out.
        work.complete(work.task(reference, "accounts"), Map.of("customer", Map.of("action", "retained", "rule", "fiscal",
                "kept", "1 invoice", "until", "2033-12-31"), "recipients", "none"));
        work.complete(work.task(reference, "shop"), Map.of("customer", Map.of("action", "erased"), "recipients", "none"));
        await("the erasure in the CRM is recorded", () -> runs.ofRequest(request).stream()
                .anyMatch(run -> run.kind() == SystemRunRepository.Kind.ERASE && run.status() == SystemRunRepository.Status.DONE));

        SystemRunRepository.Run erased = runs.ofRequest(request).stream().filter(run -> run.kind() == SystemRunRepository.Kind.ERASE)
                .findFirst().orElseThrow();
        assertThat(erased.systemId()).isEqualTo("crm");
        assertThat(erased.affected()).isEqualTo(2); // the subscription deleted, the customer record anonymised
        assertThat(CrmDatabase.rows("SELECT name, coalesce(email, '') AS email, erased FROM customer WHERE id = " + customer))
                .containsExactly(Map.of("name", "erased", "email", "", "erased", true));
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM newsletter_subscription WHERE customer_id = " + customer))
                .containsExactly(Map.of("n", 0L));
        assertThat(CrmDatabase.rows("SELECT count(*) AS n FROM purchase WHERE customer_id = " + customer)).containsExactly(Map.of("n", 1L));
        assertThat(CrmDatabase.rows("SELECT erased FROM customer WHERE id = 1")).containsExactly(Map.of("erased", false)); // someone else

        // The worker logs the run after the application has recorded it: wait for the line, do not read the log just once.
        String done = "System crm (SQL): erase run " + erased.id() + " done in";
        await("the worker's log line of the erasure", () -> worker.log().contains(done));
        assertThat(worker.log()).contains(done, "2 rows affected");
        assertNoPersonalData(worker.log(), address, "Leeuwarden", "+31 6 0000 0000");
    }

    @Test
    @Order(3)
    void theStaffApiGivesATasksWorkOnlyToTheSystemWorkerHoldingItsLock() {
        Http http = new Http(port);
        assertThat(http.get(TASKS + held).status()).isEqualTo(401);
        assertThat(http.get(TASKS + held, "Authorization", TestUsers.auth("shop")).status()).isEqualTo(403);
        Http.Response another = http.get(TASKS + held, "Authorization", Http.basic(WORKER, PASSWORD));
        assertThat(another.status()).isEqualTo(404);
        assertThat(another.body()).doesNotContain(heldAddress, "repairs");
        assertThat(http.postJson(TASKS + held + "/outcome", "{\"found\": [{\"category\": \"repairs\", \"rows\": []}]}",
                "Authorization", Http.basic(WORKER, PASSWORD)).status()).isEqualTo(404);
        assertThat(http.postJson(TASKS + held + "/failure", "{\"reason\": \"down\"}", "Authorization", Http.basic(WORKER, PASSWORD))
                .status()).isEqualTo(404);
        assertThat(http.get(TASKS + "no-such-task", "Authorization", Http.basic(OTHER, PASSWORD)).status()).isEqualTo(404);

        Http.Response mine = http.get(TASKS + held, "Authorization", Http.basic(OTHER, PASSWORD));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("system").asText()).isEqualTo("repair-desk");
        assertThat(mine.json().path("operation").asText()).isEqualTo("search");
        assertThat(mine.json().path("categories").toString()).isEqualTo("[\"repairs\"]");
        assertThat(mine.json().path("identity").path("email").asText()).isEqualTo(heldAddress);
        assertThat(mine.json().path("identity").path("name").asText()).isEqualTo("Held Person");
        assertNothingRecordedFor(held);
    }

    @Test
    @Order(4)
    void badOutcomesAndFailuresAre400NamingWhatIsWrongAndStoreNothing() {
        Http http = new Http(port);
        String[] other = {"Authorization", Http.basic(OTHER, PASSWORD)};
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{}", "found");
        refused.put("{\"found\": [{\"category\": \"repairs\", \"rows\": []}], \"skipped\": \"both\"}", "found");
        refused.put("{\"done\": {\"rowsAffected\": 1}}", "done");
        refused.put("{\"found\": [{\"category\": \"customer\", \"rows\": []}]}", "found[0].category");
        refused.put("{\"found\": [{\"category\": \"repairs\", \"rows\": [1, 2]}]}", "found[0].rows[0]");
        refused.put("{\"found\": [{\"category\": \"repairs\"}]}", "found[0].rows");
        refused.put("{\"skipped\": \" \"}", "skipped");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            Http.Response response = http.postJson(TASKS + held + "/outcome", body.getKey(), other);
            assertThat(response.status()).as(body.getKey()).isEqualTo(400);
            assertThat(response.json().path("errors").findValuesAsText("field")).as(body.getKey()).contains(body.getValue());
        }
        assertThat(http.postJson(TASKS + held + "/outcome", "not json", other).status()).isEqualTo(400);
        Http.Response noReason = http.postJson(TASKS + held + "/failure", "{}", other);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("errors").findValuesAsText("field")).containsExactly("reason");
        assertNothingRecordedFor(held);
    }

    /** A lock that ran out is nobody's: its former holder gets the same 404 (the worker process may have taken it since). */
    @Test
    @Order(5)
    void aTaskWhoseLockRanOutIsNoLongerItsFormerHolders() {
        try {
            ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(2))));
            assertThat(new Http(port).get(TASKS + held, "Authorization", Http.basic(OTHER, PASSWORD)).status()).isEqualTo(404);
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    @Order(6)
    void theWorkerProcessStopsOnSigtermAfterTheTaskInHand() {
        assertThat(worker.alive()).as("the worker process runs; see " + worker.logFile()).isTrue();

        assertThat(worker.stop(Duration.ofSeconds(30))).as("stopped within 30 s").isTrue();
        assertThat(worker.log()).contains("Stopping: the task in hand is finished", "Stopped");
    }

    private void assertNothingRecordedFor(String taskId) {
        ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(taskId).singleResult();
        assertThat(task.getWorkerId()).isEqualTo(OTHER);
        assertThat(task.getRetries()).isNull();
        assertThat(runs.ofRequest(heldRequest)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(SystemRunRepository.Status.OPEN);
            assertThat(run.attempts()).isZero();
            assertThat(runs.rows(run.id())).isEmpty();
        });
    }

    private void assertNoPersonalData(String log, String address, String... values) {
        assertThat(log).doesNotContain(address, address.substring(0, address.indexOf('@')), "Jan de Vries", "de Vries");
        assertThat(log).doesNotContain(values);
        assertThat(log).doesNotContain(PASSWORD);
    }

    private String confirmed(String type, String name, String email, List<String> categories) {
        return Requests.confirmed(intake, management, process, new NewRequest(type, name, email, "NL", "en", categories, null));
    }

    private List<SystemRunRepository.Row> rowsOf(long requestId, String system) {
        return runs.ofRequest(requestId).stream().filter(run -> run.systemId().equals(system)).findFirst()
                .map(run -> runs.rows(run.id())).orElseThrow();
    }

    private void account(String id, String password, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes (the worker process runs on its own clock). */
    private void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(worker.alive()).as("the worker process runs; see " + worker.logFile() + ":\n" + worker.log()).isTrue();
            assertThat(System.nanoTime()).as(what + " within " + DEADLINE + "; the worker's log:\n" + worker.log()).isLessThan(end);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
