package org.dsrflow.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention with the engine clock moved: 180 days after an answered request closed, the nightly
 * retention process erases the requester's data and the findings and keeps the register entry;
 * expired access packages go; Camunda's history cleanup removes the instance's history.
 */
@SmtpIntegrationTest
class RetentionTest extends WithGreenMail {

    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    RequestRepository requests;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void personalDataIsErasedAfterTheRetentionTimeAndOnlyTheRegisterEntryStays() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-01-05T09:00:00Z")));
        String answered = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("digital"));
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(answered)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_TASK).list()) {
            tasks.complete(task.getId(), Map.of("answer", Map.of("found", "yes", "digital", Map.of("data", "IP 192.0.2.7"))));
        }
        Jobs.executeDue(management);
        // The review returns one answer once (kept with its comment and the answer as it was), then approves.
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(answered)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult().getId(),
                Map.of("reviewDecision", "return", "returnTo", "marketing", "returnComment", "Check the newsletter tool"));
        Jobs.executeDue(management);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(answered)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.DEPARTMENT_REWORK).singleResult().getId(),
                Map.of("answer", Map.of("found", "yes", "digital", Map.of("data", "IP 192.0.2.7, newsletter opens"))));
        Jobs.executeDue(management);
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(answered)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult().getId(),
                Map.of("reviewDecision", "approve"));
        Jobs.executeDue(management);
        String open = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("contact"));
        long answeredId = requests.findByReference(answered).orElseThrow().id();
        assertThat(count("dsr_document", answeredId)).as("the report as HTML and PDF, the JSON").isEqualTo(3);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(answered).count()).isEqualTo(1);

        // 40 days later the download link has expired; the access package stays 30 days more (dsr.response.renewal-grace)
        // so that the expired-link page can email a fresh link, and the rest is kept.
        runRetentionAt("2026-02-15T03:00:00Z");
        assertThat(count("dsr_document", answeredId)).isEqualTo(3);
        assertThat(requests.findById(answeredId).orElseThrow().requesterName()).isEqualTo("Test Person");

        // A department's file (issue 24) stays while the rest is kept, and goes with the findings.
        jdbc.sql("""
                insert into dsr_department_file (id, request_id, task_id, department, category, name, media_type, size_bytes,
                    sha256, content, uploaded_by, uploaded_at) values ('retention-file', :id, 'a-task', 'marketing', 'digital',
                    'newsletter-opens.csv', 'text/csv', 3, 'x', :content, 'testmarketing', current_timestamp)""")
                .param("id", answeredId).param("content", new byte[] {1, 2, 3}).update();
        // A transmission to another organisation (Art. 20(2), issue 24): the record stays while the rest is kept.
        jdbc.sql("""
                insert into dsr_transmission (request_id, organisation, address, asked_by, asked_at, token_hash, expires_at, downloads)
                values (:id, 'Nordic Bank AB', 'portability@bank.example', 'REQUESTER', current_timestamp, 'x', current_timestamp, 1)""")
                .param("id", answeredId).update();
        runRetentionAt("2026-03-15T03:00:00Z");
        assertThat(count("dsr_document", answeredId)).as("the package, 69 days after the answer").isZero();
        assertThat(count("dsr_department_file", answeredId)).isEqualTo(1);
        assertThat(count("dsr_transmission", answeredId)).isEqualTo(1);
        // Identity evidence that no decision deleted (the instance was ended another way) goes with the request too.
        var reply = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into dsr_requester_reply (request_id, text, received_at) values (:id, 'the letter', current_timestamp)")
                .param("id", answeredId).update(reply, "id");
        long replyId = reply.getKeyAs(Number.class).longValue();
        jdbc.sql("""
                insert into dsr_identity_evidence (id, request_id, reply_id, name, media_type, size_bytes, sha256, content, uploaded_at)
                values ('retention-evidence', :id, :replyId, 'letter.png', 'image/png', 3, 'x', :content, current_timestamp)""")
                .param("id", answeredId).param("replyId", replyId).param("content", new byte[] {1, 2, 3}).update();
        runRetentionAt("2026-03-15T04:00:00Z");
        assertThat(count("dsr_identity_evidence", answeredId)).isEqualTo(1);

        // 181 days after the answer: the requester's data and the findings are erased, the register entry stays.
        runRetentionAt("2026-07-06T03:00:00Z");
        assertThat(count("dsr_department_file", answeredId)).isZero();
        assertThat(count("dsr_transmission", answeredId)).as("where the requester had their data sent, and the address").isZero();
        assertThat(count("dsr_identity_evidence", answeredId)).isZero();
        DsrRequest erased = requests.findById(answeredId).orElseThrow();
        assertThat(erased.requesterName()).isEqualTo("(erased)");
        assertThat(erased.requesterEmail()).isEqualTo("(erased)");
        assertThat(erased.reference()).isEqualTo(answered);
        assertThat(erased.status().name()).isEqualTo("ANSWERED");
        assertThat(erased.receivedOn()).isEqualTo("2026-01-05");
        assertThat(count("dsr_department_result", answeredId)).isZero();
        // A returned answer and its comment are erased; that it was returned, to whom and when stays.
        assertThat(jdbc.sql("select department || ':' || comment || ':' || coalesce(returned_answer, 'none') from dsr_department_return where request_id = :id")
                .param("id", answeredId).query(String.class).list()).containsExactly("marketing:(erased):none");
        assertThat(count("dsr_token", answeredId)).isZero();
        assertThat(jdbc.sql("select count(*) from dsr_correspondence where request_id = :id and recipient is not null")
                .param("id", answeredId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from dsr_correspondence where request_id = :id and kind not like 'DEPARTMENT%'")
                .param("id", answeredId).query(Long.class).single()).isEqualTo(2);
        // the open request is untouched
        assertThat(requests.findByReference(open).orElseThrow().requesterName()).isEqualTo("Test Person");

        // Camunda's history cleanup removes the answered instance's history (time-to-live 180 days after its end)
        Job cleanup = history.cleanUpHistoryAsync(true);
        management.executeJob(cleanup.getId());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(answered).count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(DataSubjectRequestProcess.KEY)
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(180);
    }

    private void runRetentionAt(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("data-retention")
                .latestVersion().singleResult().getId();
        Job timer = management.createJobQuery().processDefinitionId(definition).timers().singleResult();
        management.executeJob(timer.getId());
    }

    private long count(String table, long requestId) {
        return jdbc.sql("select count(*) from " + table + " where request_id = :id").param("id", requestId)
                .query(Long.class).single();
    }
}
