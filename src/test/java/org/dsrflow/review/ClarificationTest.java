package org.dsrflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
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
 * Clarification of an unclear request, end to end over Camunda's REST API (as Tasklist submits the
 * review), SMTP and the public reply page, with the engine clock set to fixed dates. Whether the
 * statutory clock stops is the site's rule: in Great Britain it pauses (the days waiting do not
 * count), its timers waiting meanwhile; in Sweden (EDPB reading) it keeps running.
 * The requester's answer reaches the privacy team's next review; no answer closes the request.
 * Expected dates are worked out by hand (GDPR-RULES.md).
 */
@SmtpIntegrationTest
class ClarificationTest extends WithGreenMail {

    static final String QUESTION = "Which of your two accounts do you mean: <b>private</b> or business?";

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
    void inGreatBritainTheClockStopsForTheQuestionAndTheAnswerOnTheReplyPageReachesTheReview() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("GB");
        assertThat(staff(reference).get("dueDate").asText()).isEqualTo("2026-04-02");

        setClock("2026-03-25T10:00:00Z");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", QUESTION)).status())
                .isEqualTo(204);
        Jobs.executeDue(management);

        // The question reaches the requester with a single-use reply link; the clock stops (site rule).
        MimeMessage asked = Mails.lastAbout(greenMail, reference);
        assertThat(asked.getSubject()).contains("A question about your request " + reference);
        assertThat(Mails.text(asked)).contains(QUESTION, "the time we have to answer does not run", "24 April 2026");
        assertThat(Mails.html(asked)).contains("&lt;b&gt;private&lt;/b&gt;").doesNotContain("<b>private</b>");
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(waiting.get("clockStopped").asBoolean()).isTrue();
        assertThat(lastStop(waiting).get("reason").asText()).isEqualTo("CLARIFICATION");
        assertThat(lastStop(waiting).get("stoppedOn").asText()).isEqualTo("2026-03-25");
        // While the clock is stopped, its timers wait (the warning was due on 26 March, the breach on 2 April).
        assertThat(clockTimers(reference)).hasSize(2).allMatch(Job::isSuspended);
        assertThat(jdbc.sql("select question from dsr_clarification c join dsr_request r on r.id = c.request_id where r.reference = :ref")
                .param("ref", reference).query(String.class).single()).isEqualTo(QUESTION);
        assertThat(processVariable(reference, "clarificationQuestion")).isNull();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId(reference))
                .variableName("clarificationQuestion").count()).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(instanceId(reference)).formFields().list())
                .noneMatch(detail -> String.valueOf(((HistoricFormField) detail).getFieldValue()).contains("two accounts"));

        // A week later, one reminder with a link of its own.
        setClock("2026-04-01T10:00:00Z");
        Jobs.executeDue(management);
        MimeMessage reminder = Mails.lastAbout(greenMail, reference);
        assertThat(reminder.getSubject()).contains("Reminder: a question about your request " + reference);
        assertThat(Mails.text(reminder)).contains(QUESTION);
        String reminderLink = replyPath(reminder);

        // The answer comes after the original due date: nothing fell due meanwhile.
        setClock("2026-04-08T10:00:00Z");
        Jobs.executeDue(management);
        assertThat(Mails.subjectsAbout(greenMail, reference)).noneMatch(subject -> subject.contains("Deadline")).hasSize(3);
        String replyPath = replyPath(asked);
        Http.Response page = http.get(replyPath);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(reference, "Answer our question", "Our question:", "id=\"question\"",
                "Which of your two accounts do you mean: &lt;b&gt;private&lt;/b&gt; or business?");
        String token = replyPath.substring(replyPath.indexOf('=') + 1);
        Http.Response empty = http.postForm("/reply", Map.of("token", token, "text", " ", "_csrf", csrf(page.body())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("id=\"question\"");
        Http.Response sent = http.postForm("/reply", Map.of("token", token,
                "text", "The <i>private</i> one, opened in 2019.", "_csrf", csrf(page.body())));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"reply-sent\"");
        assertThat(http.get(reminderLink).body()).as("the reminder's link is used with the first").contains("id=\"reply-used\"");

        // In the UK the 14 days waiting for the answer do not count (a pause, UK GDPR Art. 12A, for an access request):
        // 2 April + 14 days = 16 April. The timers move and run again.
        JsonNode resumed = staff(reference);
        assertThat(resumed.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(resumed.get("clockStopped").asBoolean()).isFalse();
        assertThat(lastStop(resumed).get("resumedOn").asText()).isEqualTo("2026-04-08");
        assertThat(resumed.get("dueDate").asText()).isEqualTo("2026-04-16");
        assertThat(resumed.get("overdue").asBoolean()).isFalse();
        assertThat(clockTimers(reference)).noneMatch(Job::isSuspended).extracting(Job::getDuedate)
                .containsExactlyInAnyOrder(Date.from(Instant.parse("2026-04-09T07:00:00Z")), // 08:00 London, 7 days before
                        Date.from(Instant.parse("2026-04-16T22:59:59Z")));                 // end of the due day in London

        // The privacy team's next review says so and links to the answer (the requester's words stay out of the engine).
        Task next = reviewTask(reference);
        assertThat(tasks.getVariable(next.getId(), "clarificationAnsweredOn")).isEqualTo("2026-04-08");
        assertThat(processVariable(reference, "reviewDecision")).isNull();
        assertThat(http.get("/staff/requests/" + reference + "/questions").status()).isEqualTo(401);
        Http staff = loggedIntoTasklist("privacy");
        Http.Response questions = staff.get("/staff/requests/" + reference + "/questions");
        assertThat(questions.status()).isEqualTo(200);
        assertThat(questions.body()).contains("&lt;b&gt;private&lt;/b&gt;", "The &lt;i&gt;private&lt;/i&gt; one, opened in 2019.",
                "stopped while we waited").doesNotContain("<i>private</i>");
        assertThat(loggedIntoTasklist("sales").get("/staff/requests/" + reference + "/questions").status()).isEqualTo(403);

        assertThat(review(reference, Map.of("reviewDecision", "approve")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).contains("Our answer to your request " + reference);
        assertThat(staff(reference).get("status").asText()).isEqualTo("ANSWERED");
    }

    @Test
    void inSwedenTheClockKeepsRunningWhileWeWaitForTheAnswer() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("SE");
        List<Date> timersBefore = clockTimers(reference).stream().map(Job::getDuedate).toList();

        setClock("2026-03-10T10:00:00Z");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", QUESTION)).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains(QUESTION, "The time we have to answer keeps running",
                "at the latest on 2 April 2026").doesNotContain("does not run");
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(waiting.get("clockStopped").asBoolean()).isFalse();
        assertThat(waiting.get("clockStops")).extracting(stop -> stop.get("reason").asText()).containsExactly("EMAIL_CONFIRMATION");
        assertThat(clockTimers(reference)).noneMatch(Job::isSuspended);

        setClock("2026-03-12T10:00:00Z");
        answerOnTheReplyPage(Mails.lastAbout(greenMail, reference), "The business one.");

        JsonNode resumed = staff(reference);
        assertThat(resumed.get("dueDate").asText()).isEqualTo("2026-04-02");
        assertThat(resumed.get("clockStops")).hasSize(1);
        assertThat(clockTimers(reference).stream().map(Job::getDuedate).toList()).containsExactlyInAnyOrderElementsOf(timersBefore);
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationAnsweredOn")).isEqualTo("2026-03-12");
        assertThat(jdbc.sql("""
                        select count(*) from dsr_clarification c join dsr_request r on r.id = c.request_id
                        where r.reference = :ref and c.clock_stopped = false and c.answered_at is not null""")
                .param("ref", reference).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * UK GDPR Art. 12A (inserted by the Data (Use and Access) Act 2025 s.76) lets the days waiting for
     * information not count only for a request under Art. 15, where the controller needs it to identify
     * the information or processing the request is about; for the other rights the month keeps running.
     */
    @Test
    void inGreatBritainAQuestionAboutAnObjectionLeavesTheClockRunningBecauseThePauseIsForAccessOnly() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("GB", "OBJECTION");
        setClock("2026-03-10T10:00:00Z");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", QUESTION)).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains("The time we have to answer keeps running")
                .doesNotContain("does not run");
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(waiting.get("clockStopped").asBoolean()).isFalse();
        assertThat(waiting.get("dueDate").asText()).isEqualTo("2026-04-02");
        assertThat(clockTimers(reference)).noneMatch(Job::isSuspended);
    }

    /**
     * The departments have searched: no answer to our question means a fresh review that answers on what
     * could be searched, never a closure that drops the finished answer (EDPB 01/2022; ICO).
     */
    @Test
    void aRequesterWhoDoesNotAnswerIsRemindedAndTheReviewAnswersOnWhatWasSearched() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("GB");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", "Which period?")).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        MimeMessage asked = Mails.lastAbout(greenMail, reference);
        assertThat(Mails.text(asked)).contains("Please answer by 1 April 2026", "we answer your request on what we could find")
                .doesNotContain("close the request");
        String replyPath = replyPath(asked);

        setClock("2026-03-09T10:00:01Z");
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).startsWith("Reminder: a question");
        String reminderPath = replyPath(Mails.lastAbout(greenMail, reference));
        // The whole of 1 April (London) is the requester's; the wait ends after it.
        setClock("2026-04-01T22:59:58Z");
        Jobs.executeDue(management);
        assertThat(reviewTask(reference)).isNull();
        setClock("2026-04-01T23:00:00Z");
        Jobs.executeDue(management);

        Task again = reviewTask(reference);
        assertThat(again).isNotNull();
        assertThat(tasks.getVariable(again.getId(), "clarificationUnansweredSince")).isEqualTo("2026-03-02");
        JsonNode request = staff(reference);
        assertThat(request.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(request.get("clockStopped").asBoolean()).isFalse();
        for (String link : List.of(replyPath, reminderPath)) {
            Http.Response late = http.get(link);
            assertThat(late.status()).as(link).isEqualTo(410);
            assertThat(late.body()).contains("id=\"reply-expired\"").doesNotContain("Which period?");
        }
        assertThat(review(reference, Map.of("reviewDecision", "approve")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        assertThat(Mails.lastAbout(greenMail, reference).getSubject()).isEqualTo("Our answer to your request " + reference);
        assertThat(Mails.subjectsAbout(greenMail, reference)).noneMatch(subject -> subject.contains("has been closed"));
        assertThat(staff(reference).get("status").asText()).isEqualTo("ANSWERED");
    }

    /**
     * An objection to processing on contract only reaches no department (its routing is empty); the
     * review that comes back after an unanswered question still opens (Camunda stores an empty routing as
     * an immutable list that could not be read back).
     */
    @Test
    void anObjectionThatReachedNoDepartmentComesBackToTheReviewWhenOurQuestionGoesUnanswered() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = Requests.confirmed(intake, management, process, "OBJECTION", "GB", "en", List.of("identification"));
        assertThat(new DepartmentWork(tasks, management).tasks(reference)).isEmpty();
        assertThat(reviewTask(reference)).isNotNull();
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", "Which purpose?")).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        setClock("2026-04-01T23:00:00Z");
        Jobs.executeDue(management);
        assertThat(reviewTask(reference)).isNotNull();
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationUnansweredSince")).isEqualTo("2026-03-02");
        assertThat(runtime.createIncidentQuery().count()).isZero();
    }

    /** Where the clock keeps running (EU/EEA), the requester's last day to answer leaves time to answer on time. */
    @Test
    void inSwedenTheLastDayToAnswerOurQuestionComesBeforeTheDueDateAndTheAnswerIsOnTime() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("SE");
        setClock("2026-03-20T10:00:00Z");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", QUESTION)).status())
                .isEqualTo(204);
        Jobs.executeDue(management);
        // Asked on 20 March + 30 days would be 19 April; the answer is due on 2 April, so the last day is 1 April.
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains("Please answer by 1 April 2026",
                "at the latest on 2 April 2026");
        setClock("2026-04-01T22:00:00Z");
        Jobs.executeDue(management);
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationUnansweredSince")).isEqualTo("2026-03-20");
        assertThat(review(reference, Map.of("reviewDecision", "approve")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        JsonNode answered = staff(reference);
        assertThat(answered.get("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void aQuestionNeedsItsTextAndOnlyThePrivacyTeamMayAskIt() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("SE");
        Http.Response blank = review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("write the question to the requester");
        assertThat(review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", "x".repeat(2001))).status())
                .isEqualTo(400);
        assertThat(http.postJson("/engine-rest/task/" + reviewTask(reference).getId() + "/submit-form",
                "{\"variables\": {\"reviewDecision\": {\"value\": \"clarify\"}, \"clarificationQuestion\": {\"value\": \"Which?\"}}}",
                "Authorization", TestUsers.auth("sales")).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from dsr_clarification c join dsr_request r on r.id = c.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single()).isZero();
        assertThat(staff(reference).get("status").asText()).isEqualTo("IN_REVIEW");
    }

    /**
     * Asked from Tasklist while the departments work ("Ask a requester a question", a start form): the requester
     * gets the question, the departments' tasks stay open, and in Sweden the month keeps running (GDPR Art. 12(3);
     * EDPB Guidelines 01/2022 v2.1 §159). The answer opens a task for the privacy team; the review follows the
     * departments as usual and knows the answer.
     */
    @Test
    void aQuestionAskedFromTasklistWhileTheDepartmentsWorkReachesTheRequesterAndTheirTasksStayOpen() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ACCESS", "Test Person",
                Requests.newAddress("person"), "SE", "en", List.of("contact"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        List<String> open = work.tasks(reference).stream().map(Task::getId).toList();
        assertThat(open).isNotEmpty();
        List<Date> timersBefore = clockTimers(reference).stream().map(Job::getDuedate).toList();

        setClock("2026-03-04T10:00:00Z");
        Http.Response asked = ask(reference, QUESTION, "privacy");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        Jobs.executeDue(management);

        MimeMessage mail = Mails.lastAbout(greenMail, reference);
        assertThat(mail.getSubject()).contains(reference);
        assertThat(Mails.text(mail)).contains("Which of your two accounts do you mean", "The time we have to answer keeps running",
                "at the latest on 2 April 2026");
        assertThat(work.tasks(reference)).extracting(Task::getId).containsExactlyInAnyOrderElementsOf(open);
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(waiting.get("clockStopped").asBoolean()).isFalse();
        assertThat(waiting.get("dueDate").asText()).isEqualTo("2026-04-02");
        assertThat(clockTimers(reference)).noneMatch(Job::isSuspended);
        // The form's values are in dsr-flow's table, not in the start form's instance or its history.
        assertThat(jdbc.sql("select asked_by from dsr_clarification c join dsr_request r on r.id = c.request_id where r.reference = :ref")
                .param("ref", reference).query(String.class).single()).isEqualTo(TestUsers.of("privacy"));
        assertThat(history.createHistoricVariableInstanceQuery().processDefinitionKey("ask-requester")
                .variableName("clarificationQuestion").count()).isZero();
        assertThat(history.createHistoricDetailQuery().formFields().list())
                .noneMatch(detail -> String.valueOf(((HistoricFormField) detail).getFieldValue()).contains("two accounts"));

        setClock("2026-03-06T10:00:00Z");
        answerOnTheReplyPage(mail, "The business one.");
        Task read = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.USER_QUESTION_ANSWERED).singleResult();
        assertThat(read).isNotNull();
        assertThat(tasks.getVariable(read.getId(), "clarificationAnsweredOn")).isEqualTo("2026-03-06");
        assertThat(tasks.createTaskQuery().taskId(read.getId()).taskCandidateGroup("privacy").count()).isOne();
        assertThat(staff(reference).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(clockTimers(reference).stream().map(Job::getDuedate).toList()).containsExactlyInAnyOrderElementsOf(timersBefore);
        assertThat(http.postJson("/engine-rest/task/" + read.getId() + "/submit-form", "{\"variables\": {}}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);

        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationAnsweredOn")).isEqualTo("2026-03-06");
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationUnansweredSince")).isNull();
    }

    /**
     * In Great Britain a question needed for an access request stops the clock also while the departments work
     * (UK GDPR Art. 12A): the timers wait and move by the days waited once the answer comes.
     */
    @Test
    void inGreatBritainAQuestionAskedWhileTheDepartmentsWorkStopsTheClockUntilTheAnswer() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ACCESS", "Test Person",
                Requests.newAddress("person"), "GB", "en", List.of("contact"), null));
        setClock("2026-03-04T10:00:00Z");
        assertThat(ask(reference, QUESTION, "privacy").status()).isEqualTo(200);
        Jobs.executeDue(management);
        assertThat(Mails.text(Mails.lastAbout(greenMail, reference))).contains(QUESTION, "the time we have to answer does not run");
        JsonNode waiting = staff(reference);
        assertThat(waiting.get("clockStopped").asBoolean()).isTrue();
        assertThat(lastStop(waiting).get("reason").asText()).isEqualTo("CLARIFICATION");
        assertThat(clockTimers(reference)).isNotEmpty().allMatch(Job::isSuspended);
        assertThat(new DepartmentWork(tasks, management).tasks(reference)).isNotEmpty();

        // Eight days waiting do not count: 2 April + 8 days = 10 April.
        setClock("2026-03-12T10:00:00Z");
        answerOnTheReplyPage(Mails.lastAbout(greenMail, reference), "The private one.");
        JsonNode resumed = staff(reference);
        assertThat(resumed.get("clockStopped").asBoolean()).isFalse();
        assertThat(resumed.get("dueDate").asText()).isEqualTo("2026-04-10");
        assertThat(clockTimers(reference)).noneMatch(Job::isSuspended);
    }

    /** Every refusal says what is wrong (400) and stores nothing; only the privacy team may ask. */
    @Test
    void aQuestionFromTasklistIsRefusedWithItsReasonAndOnlyThePrivacyTeamMayAskIt() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest("ACCESS", "Test Person",
                Requests.newAddress("person"), "SE", "en", List.of("contact"), null));
        Http.Response unknown = ask("DSR-2026-999999", QUESTION, "privacy");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no request DSR-2026-999999");
        Http.Response blank = ask(reference, "  ", "privacy");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("clarificationQuestion: write the question to the requester");
        // A department does not even see the start form's process (Camunda answers as for an unknown definition).
        assertThat(ask(reference, QUESTION, "sales").status()).isIn(403, 404);
        assertThat(questionsOf(reference)).isZero();

        assertThat(ask(reference, QUESTION, "privacy").status()).isEqualTo(200);
        Http.Response again = ask(reference, "And one more?", "privacy");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already waits for the requester's answer");
        assertThat(questionsOf(reference)).isOne();

        // The review, once the departments answered, cannot ask a second question while the first waits.
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        // The review is told the question still waits.
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationWaitingSince")).isEqualTo("2026-03-02");
        assertThat(tasks.getVariable(reviewTask(reference).getId(), "clarificationUnansweredSince")).isNull();
        Http.Response second = review(reference, Map.of("reviewDecision", "clarify", "clarificationQuestion", "Which period?"));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body()).contains("has not yet answered the question asked while the departments worked");
        Http.Response fee = review(reference, Map.of("reviewDecision", "fee", "feeAmount", "100", "feeReasons", "Repeated",
                "feeCalculation", "Two hours", "feePayment", "Bank transfer"));
        assertThat(fee.status()).isEqualTo(400);
        assertThat(fee.body()).contains("has not yet answered the question asked while the departments worked");
        assertThat(questionsOf(reference)).isOne();

        // An answered request is no longer handled: nothing to ask.
        assertThat(review(reference, Map.of("reviewDecision", "approve")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        Http.Response late = ask(reference, QUESTION, "privacy");
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body()).contains("is not being handled now");
        assertThat(questionsOf(reference)).isOne();
    }

    /**
     * A question asked from Tasklist while the review is open: the request waits for the requester, then returns to
     * review (not "in progress"); while a fee is awaited no question may be asked (one wait for the requester at a time).
     */
    @Test
    void aQuestionAskedDuringTheReviewReturnsTheRequestToReviewAndNoneIsAskedWhileAFeeIsAwaited() throws Exception {
        setClock("2026-03-02T10:00:00Z");
        String reference = atReview("SE");
        assertThat(staff(reference).get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(ask(reference, QUESTION, "privacy").status()).isEqualTo(200);
        Jobs.executeDue(management);
        assertThat(staff(reference).get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        answerOnTheReplyPage(Mails.lastAbout(greenMail, reference), "The business one.");
        assertThat(staff(reference).get("status").asText()).isEqualTo("IN_REVIEW");

        assertThat(review(reference, Map.of("reviewDecision", "fee", "feeAmount", "100", "feeReasons", "Repeated",
                "feeCalculation", "Two hours", "feePayment", "Bank transfer")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        Http.Response during = ask(reference, "And one more?", "privacy");
        assertThat(during.status()).isEqualTo(400);
        assertThat(during.body()).contains("waits for a fee to be paid");
        assertThat(questionsOf(reference)).isOne();
    }

    /** Starts "Ask a requester a question" as Tasklist submits its start form. */
    private Http.Response ask(String reference, String question, String user) {
        return http.postJson("/engine-rest/process-definition/key/ask-requester/submit-form",
                "{\"variables\": {\"reference\": {\"value\": " + json(reference) + "}, \"clarificationQuestion\": {\"value\": "
                        + json(question) + "}}}", "Authorization", TestUsers.auth(user));
    }

    private long questionsOf(String reference) {
        return jdbc.sql("select count(*) from dsr_clarification c join dsr_request r on r.id = c.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single();
    }

    /** A confirmed web request in English at this site whose departments found nothing; the review is open. */
    private String atReview(String site) {
        return atReview(site, "ACCESS");
    }

    private String atReview(String site, String type) {
        String reference = Requests.confirmed(intake, management, process, new org.dsrflow.intake.NewRequest(type, "Test Person",
                Requests.newAddress("person"), site, "en", List.of("contact"), null));
        DepartmentWork work = new DepartmentWork(tasks, management);
        for (Task task : work.tasks(reference)) {
            work.complete(task, "ACCESS".equals(type) ? Map.of("found", "no") : Map.of("contact", Map.of("action", "none")));
        }
        assertThat(reviewTask(reference)).isNotNull();
        return reference;
    }

    /** Submits the privacy review as Tasklist does (REST submit-form, as a member of the privacy team). */
    private Http.Response review(String reference, Map<String, String> values) {
        StringBuilder variables = new StringBuilder();
        values.forEach((name, value) -> variables.append(variables.isEmpty() ? "" : ", ")
                .append('"').append(name).append("\": {\"value\": ").append(json(value)).append('}'));
        return http.postJson("/engine-rest/task/" + reviewTask(reference).getId() + "/submit-form",
                "{\"variables\": {" + variables + "}}", "Authorization", TestUsers.auth("privacy"));
    }

    private static String json(String value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Task reviewTask(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.PRIVACY_REVIEW).singleResult();
    }

    private String instanceId(String reference) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
    }

    private Object processVariable(String reference, String name) {
        return runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId(),
                name);
    }

    /** The statutory clock's timers of the request (warning, extension cut-off, breach). */
    private List<Job> clockTimers(String reference) {
        List<Job> timers = new ArrayList<>();
        for (String activity : List.of(DataSubjectRequestProcess.Elements.TIMER_DEADLINE_WARNING,
                DataSubjectRequestProcess.Elements.TIMER_EXTENSION_CUTOFF, DataSubjectRequestProcess.Elements.TIMER_DEADLINE_BREACH)) {
            timers.addAll(management.createJobQuery().processInstanceId(instanceId(reference)).timers().activityId(activity).list());
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

    /** The requester opens the email's single-use link and answers on the reply page. */
    private void answerOnTheReplyPage(MimeMessage mail, String answer) throws Exception {
        String replyPath = replyPath(mail);
        Http.Response page = http.get(replyPath);
        assertThat(http.postForm("/reply", Map.of("token", replyPath.substring(replyPath.indexOf('=') + 1),
                "text", answer, "_csrf", csrf(page.body()))).status()).isEqualTo(200);
    }

    private static String replyPath(MimeMessage message) {
        return Mails.linkPath(Mails.text(message), "/reply\\?token=[A-Za-z0-9_-]+");
    }

    private Http loggedIntoTasklist(String group) {
        Http session = new Http(port);
        session.get("/camunda/app/tasklist/default/");
        Http.Response login = session.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", TestUsers.of(group), "password", TestUsers.PASSWORD),
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return session;
    }

    private static String csrf(String body) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static void setClock(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }
}
