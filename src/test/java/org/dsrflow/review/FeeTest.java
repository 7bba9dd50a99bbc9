package org.dsrflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Art. 12(5) fees end to end over Camunda's REST API (as Tasklist submits the forms) and SMTP, with
 * the engine clock set to fixed dates. Only the privacy team decides a fee: for a repeat request
 * before any department searches (the triage), otherwise at the review; the requester is told first, with the amount, reasons, calculation,
 * how and by when to pay, and the Art. 12(4) information (EDPB 01/2022 §194, v2.1); the privacy team
 * records the payment and the answer follows; an unpaid fee closes the request with a notice.
 * Whether the clock waits for the fee is the site's rule: in Sweden it keeps running, in Great
 * Britain it restarts on the day the payment arrived.
 */
@SmtpIntegrationTest
class FeeTest extends WithGreenMail {

    static final String REASONS = "Your request repeats <b>your</b> request answered on 2 March; nothing has changed since.";
    static final String CALCULATION = "Two hours of searching and compiling at SEK 225 an hour.";
    static final String PAYMENT = "Bankgiro 123-4567, reference DSR.";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        TestUsers.ensure(identity);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aRepeatRequestIsChargedAFeeBeforeAnyDepartmentSearchesAndAnsweredOnceThePaymentIsRecorded() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String first = atReview("SE", "eva.lind@example.com");
        new DepartmentWork(tasks, management).approve(first);
        setClock("2026-03-05T10:00:00Z");
        String repeat = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Eva Lind", "Eva.Lind@example.com",
                "SE", "en", List.of("contact"), null));
        // The repeat waits for the privacy team's decision; no department has a task.
        Task triage = triageTask(repeat);
        assertThat(tasks.getVariable(triage.getId(), "repeatOf")).isEqualTo(first);
        assertThat(new DepartmentWork(tasks, management).tasks(repeat)).isEmpty();

        // Bad fee decisions are refused with what is missing; nothing is charged.
        assertThat(review(repeat, "\"fee\"", "450", null).body()).contains("give the reasons why the request is manifestly unfounded");
        assertThat(review(repeat, "\"fee\"", "-5", REASONS).status()).isEqualTo(400);
        assertThat(review(repeat, "\"fee\"", "12.345", REASONS).body()).contains("at most two decimals");
        assertThat(fees(repeat)).isZero();

        assertThat(review(repeat, "\"fee\"", "450", REASONS).status()).isEqualTo(204);
        Jobs.executeDue(management);

        MimeMessage notice = Mails.lastAbout(greenMail, repeat);
        assertThat(notice.getSubject()).isEqualTo("Before we handle your request " + repeat + ": a fee");
        String text = Mails.text(notice);
        assertThat(text).contains("manifestly unfounded or excessive", "GDPR Art. 12(5)", "450.00 SEK", REASONS, CALCULATION,
                PAYMENT, "Please pay by 7 April 2026", "we close the request and you owe nothing",
                "Integritetsskyddsmyndigheten (IMY)", "https://www.imy.se", "remedy in court")
                .doesNotContain("starts again");
        assertThat(Mails.html(notice)).contains("repeats &lt;b&gt;your&lt;/b&gt; request").doesNotContain("<b>your</b>");

        JsonNode waiting = staff(repeat);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_FEE");
        assertThat(waiting.get("clockStopped").asBoolean()).isFalse();
        assertThat(waiting.get("dueDate").asText()).isEqualTo("2026-04-07");
        Task payment = paymentTask(repeat);
        // 4 April is a Saturday, 6 April Easter Monday: the last day to pay is Tuesday 7 April, to its end in Stockholm.
        assertThat(payment.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-04-07T21:59:59Z")));
        // The texts are in dsr_fee, not in the engine or its history.
        String instance = payment.getProcessInstanceId();
        for (String name : List.of("feeReasons", "feeCalculation", "feePayment", "feeAmount")) {
            assertThat(runtime.getVariable(instance, name)).as(name).isNull();
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(name).count())
                    .as(name + " in history").isZero();
        }
        for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(instance).formFields().list()) {
            assertThat(String.valueOf(((HistoricFormField) detail).getFieldValue())).doesNotContain("nothing has changed");
        }

        // Only the privacy team records the payment, with a day that is not in the future.
        String form = "{\"variables\": {\"feeOutcome\": {\"value\": \"PAID\"}, \"feePaidOn\": {\"value\": \"%s\"}}}";
        assertThat(submit(payment, form.formatted("2026-03-09"), "sales").status()).isEqualTo(403);
        setClock("2026-03-09T10:00:00Z");
        assertThat(submit(payment, form.formatted("2026-03-10"), "privacy").status()).isEqualTo(400);
        assertThat(submit(payment, "{\"variables\": {\"feeOutcome\": {\"value\": \"MAYBE\"}}}", "privacy").status()).isEqualTo(400);
        assertThat(submit(payment, form.formatted("2026-03-09"), "privacy").status()).isEqualTo(204);
        Jobs.executeDue(management);

        // Paid: now the departments search, and the review answers.
        assertThat(staff(repeat).get("status").asText()).isEqualTo("IN_PROGRESS");
        DepartmentWork work = new DepartmentWork(tasks, management);
        assertThat(work.tasks(repeat)).isNotEmpty();
        for (Task task : work.tasks(repeat)) {
            work.complete(task, Map.of("found", "no"));
        }
        work.approve(repeat);
        assertThat(Mails.lastAbout(greenMail, repeat).getSubject()).isEqualTo("Our answer to your request " + repeat);
        assertThat(staff(repeat).get("status").asText()).isEqualTo("ANSWERED");
        assertThat(jdbc.sql("""
                        select f.amount || ' ' || f.currency || ' ' || f.outcome || ' ' || f.paid_on || ' ' || f.decided_by || ' ' || f.recorded_by
                        from dsr_fee f join dsr_request r on r.id = f.request_id where r.reference = :ref""")
                .param("ref", repeat).query(String.class).single())
                .isEqualTo("450.00 SEK PAID 2026-03-09 testprivacy testprivacy");
    }

    /** A fee with a standard reason and no words of our own: the Finnish requester reads the register's Finnish text. */
    @Test
    void aFeeWithAStandardReasonTellsTheRequesterItsTextInTheirLanguage() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Aino Virtanen",
                "aino.virtanen@example.com", "FI", "fi", List.of("contact"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        String decision = "\"reviewDecision\": {\"value\": \"fee\"}, \"feeAmount\": {\"value\": 40}, "
                + "\"feeCalculation\": {\"value\": " + json(CALCULATION) + "}, \"feePayment\": {\"value\": " + json(PAYMENT) + "}";
        Http.Response unknown = submit(reviewTask(reference), "{\"variables\": {" + decision + ", \"feeReason\": {\"value\": \"greed\"}}}",
                "privacy");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("feeReason: 'greed' is not a standard reason of the register");
        assertThat(fees(reference)).isZero();

        assertThat(submit(reviewTask(reference), "{\"variables\": {" + decision + ", \"feeReason\": {\"value\": \"repetitive\"}}}",
                "privacy").status()).isEqualTo(204);
        Jobs.executeDue(management);

        String text = Mails.text(Mails.lastAbout(greenMail, reference));
        assertThat(text).contains("Pyyntösi toistaa aiemman pyyntösi", "tietosuoja-asetuksen 12 artiklan 5 kohdan a alakohdan", CALCULATION)
                .doesNotContain("Your request repeats");
        assertThat(jdbc.sql("select f.reason from dsr_fee f join dsr_request r on r.id = f.request_id where r.reference = :ref")
                .param("ref", reference).query(String.class).single()).isEqualTo("repetitive");
    }

    /**
     * In the EU/EEA the month keeps running while we wait for a fee, and Art. 12(3) allows no extension
     * for it: the last day to pay is never after the day the answer is due.
     */
    @Test
    void inTheEuTheLastDayToPayIsNeverAfterTheDueDate() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("SE", "lena.berg@example.com");
        assertThat(staff(reference).get("dueDate").asText()).isEqualTo("2026-04-02");
        setClock("2026-03-20T10:00:00Z");
        assertThat(review(reference, "\"fee\"", "450", REASONS).status()).isEqualTo(204);
        Jobs.executeDue(management);
        // 20 March + 30 days would be 19 April (a Sunday, so 20 April): capped at the due date, 2 April.
        assertThat(paymentTask(reference).getDueDate()).isEqualTo(Date.from(Instant.parse("2026-04-02T21:59:59Z")));
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains("Please pay by 2 April 2026");
        assertThat(staff(reference).get("dueDate").asText()).isEqualTo("2026-04-02");
    }

    @Test
    void inGreatBritainTheClockWaitsForTheFeeAndRunsAgainFromTheDayThePaymentArrived() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("GB", "tom.reed@example.com");
        setClock("2026-03-10T10:00:00Z");
        assertThat(review(reference, "\"fee\"", "45.5", REASONS).status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains("45.50 GBP", "The time we have to answer starts again on the day your payment reaches us",
                "Information Commissioner");
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("clockStopped").asBoolean()).isTrue();
        assertThat(lastStop(waiting).get("reason").asText()).isEqualTo("FEE");
        assertThat(clockTimers(reference)).isNotEmpty().allMatch(Job::isSuspended);

        // Recorded on Monday 23 March; the money arrived on Friday 20 March: the month runs from then.
        setClock("2026-03-23T10:00:00Z");
        assertThat(submit(paymentTask(reference),
                "{\"variables\": {\"feeOutcome\": {\"value\": \"PAID\"}, \"feePaidOn\": {\"value\": \"2026-03-20\"}}}", "privacy")
                .status()).isEqualTo(204);
        JsonNode request = staff(reference);
        assertThat(lastStop(request).get("stoppedOn").asText()).isEqualTo("2026-03-10");
        assertThat(lastStop(request).get("resumedOn").asText()).isEqualTo("2026-03-20");
        assertThat(request.get("dueDate").asText()).isEqualTo("2026-04-20");
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).isEqualTo("Our answer to your request " + reference);
    }

    @Test
    void aFeeThatIsNotPaidClosesTheRequestWithANoticeAndNothingIsOwed() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("GB", "ann.moor@example.com");
        assertThat(review(reference, "\"fee\"", "20", REASONS).status()).isEqualTo(204);
        Jobs.executeDue(management);
        Task payment = paymentTask(reference);
        assertThat(payment.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-04-01T22:59:59Z"))); // end of 1 April in London

        // The last day to pay, then five days to record a late transfer: nothing recorded, the request closes.
        setClock("2026-04-06T22:59:58Z");
        Jobs.executeDue(management);
        assertThat(staff(reference).get("status").asText()).isEqualTo("WAITING_FOR_FEE");
        setClock("2026-04-06T23:00:00Z");
        Jobs.executeDue(management);

        MimeMessage closed = Mails.lastAbout(greenMail, reference);
        assertThat(closed.getSubject()).isEqualTo("Your request " + reference + " has been closed");
        assertThat(Mails.text(closed)).contains("the fee of 20.00 GBP had not reached us by 1 April 2026", "You owe us nothing",
                "Information Commissioner", "remedy in court");
        JsonNode request = staff(reference);
        assertThat(request.get("status").asText()).isEqualTo("CLOSED_FEE_UNPAID");
        assertThat(request.get("overdue").asBoolean()).isFalse();
        assertThat(Mails.subjectsAbout(greenMail, reference)).hasSize(3);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    }

    /** A confirmed web request in English at this site whose departments found nothing; the review is open. */
    private String atReview(String site, String email) {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Eva Lind", email, site, "en",
                List.of("contact"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        assertThat(reviewTask(reference)).isNotNull();
        return reference;
    }

    /** Submits the privacy review as Tasklist does; {@code amount} as the number field sends it. */
    private Http.Response review(String reference, String decision, String amount, String reasons) {
        String variables = "\"reviewDecision\": {\"value\": " + decision + "}, \"feeAmount\": {\"value\": " + amount + "}, "
                + "\"feeCalculation\": {\"value\": " + json(CALCULATION) + "}, \"feePayment\": {\"value\": " + json(PAYMENT) + "}"
                + (reasons == null ? "" : ", \"feeReasons\": {\"value\": " + json(reasons) + "}");
        Task task = reviewTask(reference) != null ? reviewTask(reference) : triageTask(reference);
        return submit(task, "{\"variables\": {" + variables + "}}", "privacy");
    }

    private Http.Response submit(Task task, String body, String group) {
        return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", body, "Authorization", TestUsers.auth(group));
    }

    private static String json(String value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long fees(String reference) {
        return jdbc.sql("select count(*) from dsr_fee f join dsr_request r on r.id = f.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single();
    }

    private Task triageTask(String reference) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_TRIAGE).singleResult();
        assertThat(task).as("triage task of " + reference).isNotNull();
        return task;
    }

    private Task reviewTask(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
    }

    private Task paymentTask(String reference) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_FEE_PAYMENT).singleResult();
        assertThat(task).as("fee payment task of " + reference).isNotNull();
        return task;
    }

    private List<Job> clockTimers(String reference) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        List<Job> timers = new ArrayList<>();
        for (String activity : List.of(DataSubjectRequestProcess.Elements.TIMER_DEADLINE_WARNING,
                DataSubjectRequestProcess.Elements.TIMER_DEADLINE_BREACH)) {
            timers.addAll(management.createJobQuery().processInstanceId(instance).timers().activityId(activity).list());
        }
        return timers;
    }

    private JsonNode staff(String reference) {
        return http.get("/api/staff/requests/" + reference, "Authorization", TestUsers.auth("privacy")).json();
    }

    private static JsonNode lastStop(JsonNode request) {
        JsonNode stops = request.get("clockStops");
        return stops.get(stops.size() - 1);
    }

    private static void setClock(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }
}
