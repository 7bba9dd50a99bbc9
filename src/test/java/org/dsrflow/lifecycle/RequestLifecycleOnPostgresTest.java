package org.dsrflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.IdentityEvidenceScenario;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.OnPostgres;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lifecycle with the prod profile on real PostgreSQL 17 (embedded) and SMTP. */
@OnPostgres
class RequestLifecycleOnPostgresTest extends RequestLifecycleTestBase {

    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.camunda.bpm.engine.TaskService engineTasks;

    @Test
    void productionHasNoDemoUsersAndNoDevelopmentMailbox() {
        assertThat(identity.createUserQuery().userId("sales").count()).isZero();
        assertThat(identity.createUserQuery().userId("manager").count()).isZero();
        assertThat(http.get("/dev/mailbox").status()).isEqualTo(404);
    }

    /** Identity evidence in PostgreSQL's bytea, read back for the preview, and deleted once the check is recorded. */
    @Test
    void identityEvidenceIsStoredEncryptedPreviewedAndDeletedOnceVerified() {
        new IdentityEvidenceScenario(port, intake, management, process, jdbc, greenMail).uploadSeeAndDeleteOnceVerified();
    }

    /**
     * The four departments of a request press "Complete" at the same moment, as they do in a busy week, while the job
     * executor works on the same request (each completion leaves a continuation job, the department emails are jobs):
     * every completion succeeds. Their tasks end in one process instance, so a completion can collide with a colleague's
     * or with a job (ENGINE-03005, an OptimisticLockingException), which a department would see as a failed "Complete"
     * (a 500). A job that collides is retried by the job executor; here the test thread plays it.
     */
    @Test
    void departmentsCompletingAtTheSameMomentAllSucceed() throws Exception {
        List<String> departments = List.of("sales", "marketing", "support", "finance");
        ExecutorService pool = Executors.newFixedThreadPool(departments.size() + 1);
        try {
            for (int round = 0; round < 8; round++) {
                Http.Response registered = http.postJson("/api/staff/requests", """
                        {"type": "ACCESS", "name": "Concurrent Person", "email": "concurrent-%d@example.com", "site": "SE",
                         "language": "en", "categories": ["contact"], "receivedOn": "%s", "channel": "EMAIL",
                         "identityCheck": "KNOWLEDGE"}""".formatted(round, java.time.LocalDate.now()),
                        "Authorization", TestUsers.auth("privacy"));
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                String reference = registered.json().get("reference").asText();
                String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                        .singleResult().getId();
                // The jobs until the department tasks exist (the acknowledgement first); their emails wait for the job thread.
                while (engineTasks.createTaskQuery().processInstanceId(instance).count() < departments.size()) {
                    management.executeJob(management.createJobQuery().processInstanceId(instance).executable().list().get(0).getId());
                }
                java.util.concurrent.atomic.AtomicBoolean completing = new java.util.concurrent.atomic.AtomicBoolean(true);
                CyclicBarrier atOnce = new CyclicBarrier(departments.size() + 1);
                // The job executor's part: the acknowledgement and department emails, then each completion's continuation.
                Future<?> jobs = pool.submit(() -> {
                    atOnce.await(10, TimeUnit.SECONDS);
                    while (completing.get() || management.createJobQuery().processInstanceId(instance).executable().count() > 0) {
                        for (org.camunda.bpm.engine.runtime.Job job : management.createJobQuery().processInstanceId(instance)
                                .executable().list()) {
                            try {
                                management.executeJob(job.getId());
                            } catch (org.camunda.bpm.engine.OptimisticLockingException retriedLater) {
                                // as the job executor does: the job stays and runs again
                            } catch (org.camunda.bpm.engine.ProcessEngineException gone) {
                                // already executed by the time it was asked for
                            }
                        }
                    }
                    return null;
                });
                List<Future<Http.Response>> completions = new ArrayList<>();
                for (String department : departments) {
                    JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference,
                            "Authorization", TestUsers.auth(department)).json();
                    assertThat(tasks).as("tasks of " + department).hasSize(1);
                    String taskId = tasks.get(0).get("id").asText();
                    completions.add(pool.submit(() -> {
                        Http own = new Http(port);
                        own.get("/engine-rest/task/" + taskId + "/form-variables", "Authorization", TestUsers.auth(department));
                        atOnce.await(10, TimeUnit.SECONDS);
                        return own.postJson("/engine-rest/task/" + taskId + "/submit-form",
                                "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\": \\\"no\\\"}\"}}}",
                                "Authorization", TestUsers.auth(department));
                    }));
                }
                List<Http.Response> answered = new ArrayList<>();
                for (Future<Http.Response> completion : completions) {
                    answered.add(completion.get(30, TimeUnit.SECONDS));
                }
                completing.set(false);
                jobs.get(60, TimeUnit.SECONDS);
                // A continuation that collided waits for its next attempt (the retry cycle); the job executor would run it then.
                for (int pass = 0; pass < 10 && management.createJobQuery().processInstanceId(instance).messages().count() > 0; pass++) {
                    for (org.camunda.bpm.engine.runtime.Job job : management.createJobQuery().processInstanceId(instance).messages().list()) {
                        management.setJobDuedate(job.getId(), null);
                        management.setJobRetries(job.getId(), Math.max(1, job.getRetries()));
                    }
                    Jobs.executeDue(management);
                }
                for (int d = 0; d < departments.size(); d++) {
                    assertThat(answered.get(d).status()).as("round %d, %s: %s", round, departments.get(d), answered.get(d).body())
                            .isEqualTo(204);
                }
                assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization",
                        TestUsers.auth("privacy")).json()).as("the review after all four departments").hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
