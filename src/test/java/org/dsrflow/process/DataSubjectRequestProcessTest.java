package org.dsrflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.*;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paths of bpmn/data-subject-request.bpmn with the real routing DMN and recording stand-ins for the
 * beans. Timers are fired by moving the engine clock and executing the timer job, never by sleeping.
 */
@Deployment(resources = {"bpmn/data-subject-request.bpmn", "bpmn/department-routing.dmn", "bpmn/identity-check.dmn"})
class DataSubjectRequestProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final List<String> sentEmails = new ArrayList<>();
    /** The emails to departments about their tasks, "kind:department". */
    private final List<String> departmentEmails = new ArrayList<>();
    private final List<String> recordedResults = new ArrayList<>();
    private final StatusRecorder statuses = new StatusRecorder();
    private final FakeDeadlineClock clock = new FakeDeadlineClock();
    private final FakeDepartmentWork departmentWork = new FakeDepartmentWork();
    private final FakeExternalParties externalParties = new FakeExternalParties();
    private final FakeSystemWork systemWork = new FakeSystemWork();
    private final List<String> identityChecks = new ArrayList<>();
    private final List<String> reviewOutcomes = new ArrayList<>();
    private final List<String> feePayments = new ArrayList<>();
    private final List<String> postedLetters = new ArrayList<>();
    private final AnsweredQuestions questions = new AnsweredQuestions();
    private Instant start;

    @BeforeEach
    void registerBeans() {
        BpmnAwareTests.init(engine.getProcessEngine());
        start = Instant.parse("2026-03-02T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        Mocks.register("sendEmail", (JavaDelegate) execution -> {
            String kind = EMAIL_KIND.from(execution);
            if (kind.startsWith("DEPARTMENT_TASK")) {
                departmentEmails.add(kind + ":" + DEPARTMENT.from(execution));
            } else {
                sentEmails.add(kind);
            }
        });
        Mocks.register("departmentResultRecorder", (TaskListener) task -> {
            if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
                recordedResults.add(DEPARTMENT.from(task) + ":" + new java.util.TreeMap<>((Map<?, ?>) task.getVariable("answer")));
            }
        });
        Mocks.register("identityCheckRecorder", (TaskListener) task -> identityChecks.add(
                IDENTITY_METHOD.from(task) + ":" + IDENTITY_OUTCOME.from(task)));
        Mocks.register("departmentWork", departmentWork);
        Mocks.register("externalParties", externalParties);
        Mocks.register("systemWork", systemWork);
        Mocks.register("objectionDecisionCheck", (TaskListener) task -> { });
        Mocks.register("mailSettings", Map.of("retryCycle", "R3/PT5M"));
        Mocks.register("requestStatus", statuses);
        Mocks.register("deadlineClock", clock);
        Mocks.register("recordExtension", (JavaDelegate) clock::extend);
        Mocks.register("clarifications", questions);
        Mocks.register("reviewOutcomeRecorder", (TaskListener) task -> {
            String decision = REVIEW_DECISION.from(task);
            reviewOutcomes.add(decision);
            if ("fee".equals(decision)) {
                Instant now = ClockUtil.now().toInstant();
                FEE_PAY_BY.set(task.getExecution(), Date.from(now.plus(FEE_PERIOD)));
                FEE_CLOSES_AT.set(task.getExecution(), Date.from(now.plus(FEE_PERIOD).plus(Duration.ofDays(5))));
            }
        });
        Mocks.register("triage", new org.dsrflow.review.Triage());
        Mocks.register("feePaymentRecorder", (TaskListener) task -> feePayments.add(FEE_OUTCOME.from(task)));
        Mocks.register("postedLetterRecorder", (TaskListener) task -> postedLetters.add(task.getTaskDefinitionKey() + ":"
                + DataSubjectRequestProcess.Variables.POSTED_ON.from(task)));
    }

    static final Duration FEE_PERIOD = Duration.ofDays(30);

    @AfterEach
    void resetBeans() {
        Mocks.reset();
        BpmnAwareTests.reset();
        ClockUtil.reset();
    }

    @Test
    void accessRequestIsAnsweredAfterConfirmationDepartmentWorkAndApproval() {
        ProcessInstance instance = start("ACCESS", List.of("contact"), true);

        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        assertThat(instance).isWaitingAt(WAIT_EMAIL_CONFIRMED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT");

        confirmEmail(instance);

        List<Task> departmentTasks = departmentTasks(instance);
        assertThat(departmentTasks).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("sales", "marketing", "support", "finance");
        assertThat(departmentTasks).allSatisfy(task -> {
            assertThat(task.getDueDate()).isEqualTo(Date.from(start.plus(Duration.ofDays(10))));
            assertThat(task.getFollowUpDate()).isEqualTo(Date.from(start.plus(Duration.ofDays(8))));
        });
        for (Task task : departmentTasks) {
            String group = candidateGroup(task);
            taskService().complete(task.getId(), Map.of("answer", Map.of("found", "yes", "note", "of " + group)));
        }
        // The join runs after each completion as a job of its own: parallel departments never collide in Tasklist.
        assertThat(instance).isNotWaitingAt(PRIVACY_REVIEW);
        continueAfterDepartmentTasks(instance);
        // Each department's answer stayed its own (task-local variables), none leaked into the instance.
        // Each department was emailed beside its task, once.
        assertThat(departmentEmails).containsExactlyInAnyOrder("DEPARTMENT_TASK:sales", "DEPARTMENT_TASK:marketing",
                "DEPARTMENT_TASK:support", "DEPARTMENT_TASK:finance");
        assertThat(recordedResults).containsExactlyInAnyOrder("sales:{found=yes, note=of sales}",
                "marketing:{found=yes, note=of marketing}", "support:{found=yes, note=of support}",
                "finance:{found=yes, note=of finance}");
        assertThat(runtimeService().getVariable(instance.getId(), "answer")).isNull();

        assertThat(instance).isWaitingAt(PRIVACY_REVIEW, TIMER_DEADLINE_WARNING);
        Task review = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(PRIVACY_REVIEW).singleResult();
        assertThat(review).hasCandidateGroup("privacy");
        assertThat(review.getDueDate()).isEqualTo(Date.from(start.plus(FakeDeadlineClock.DUE)));
        taskService().complete(review.getId(), Map.of(REVIEW_DECISION.name(), "approve"));

        // The review ends the handling: the clock's timers are gone with it.
        assertThat(jobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        assertThat(instance).isWaitingAt(SEND_RESPONSE);
        execute(job(SEND_RESPONSE));
        execute(job());
        assertThat(instance).isEnded().hasPassed(SEND_RESPONSE, END_ANSWERED).hasNotPassed(SEND_REFUSAL);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "ANSWERED");
        assertThat(clock.calls).containsExactly("start", "stop:EMAIL_CONFIRMATION", "resume");
    }

    @Test
    void refusedRequestEndsWithRefusalEmail() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("digital"));

        List<Task> departmentTasks = departmentTasks(instance);
        assertThat(departmentTasks).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("marketing", "webdigital");
        departmentTasks.forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);

        completeReview(instance, Map.of(REVIEW_DECISION.name(), "refuse",
                REVIEW_COMMENT.name(), "Manifestly unfounded: the same request was answered yesterday."));
        assertThat(instance).isWaitingAt(SEND_REFUSAL);
        execute(job(SEND_REFUSAL));
        execute(job());

        assertThat(instance).isEnded().hasPassed(SEND_REFUSAL, END_REFUSED).hasNotPassed(SEND_RESPONSE);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "REFUSAL");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "REFUSED");
    }

    @Test
    void answerToARequestWithoutAnEmailAddressEndsOnlyOnceThePrivacyTeamRecordsTheLetterPosted() {
        ProcessInstance instance = start("ACCESS", List.of("contact"), false, Map.of(BY_POST.name(), true));
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());

        assertThat(instance).isWaitingAt(USER_POST_ANSWER);
        Task post = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_POST_ANSWER).singleResult();
        assertThat(post).hasCandidateGroup("privacy");
        assertThat(statuses.seen).doesNotContain("ANSWERED");
        taskService().complete(post.getId(), Map.of(POSTED_ON.name(), "2026-03-05"));

        assertThat(instance).isEnded().hasPassed(SEND_RESPONSE, USER_POST_ANSWER, END_ANSWERED);
        assertThat(postedLetters).containsExactly(USER_POST_ANSWER + ":2026-03-05");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "ANSWERED");
    }

    @Test
    void refusalOfARequestWithoutAnEmailAddressEndsOnceTheLetterIsPosted() {
        ProcessInstance instance = start("ERASURE", List.of("digital"), false, Map.of(BY_POST.name(), true));
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "refuse", REVIEW_COMMENT.name(), "Manifestly unfounded."));
        execute(job(SEND_REFUSAL));
        execute(job());

        assertThat(instance).isWaitingAt(USER_POST_REFUSAL);
        taskService().complete(taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_POST_REFUSAL).singleResult().getId(), Map.of(POSTED_ON.name(), "2026-03-04"));
        assertThat(instance).isEnded().hasPassed(USER_POST_REFUSAL, END_REFUSED).hasNotPassed(USER_POST_ANSWER);
        assertThat(postedLetters).containsExactly(USER_POST_REFUSAL + ":2026-03-04");
    }

    @Test
    void identityRefusalOfARequestWithoutAnEmailAddressEndsOnceTheLetterIsPosted() {
        ProcessInstance instance = start("ERASURE", List.of("health"), false, Map.of(BY_POST.name(), true));
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        assertThat(instance).isWaitingAt(USER_IDENTITY_CHECK);
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "KNOWLEDGE",
                IDENTITY_OUTCOME.name(), "NOT_VERIFIED", REVIEW_COMMENT.name(), "The details did not match our records."));
        execute(job(SEND_IDENTITY_REFUSAL));
        execute(job());

        assertThat(instance).isWaitingAt(USER_POST_IDENTITY_REFUSAL);
        taskService().complete(taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_POST_IDENTITY_REFUSAL).singleResult().getId(), Map.of(POSTED_ON.name(), "2026-03-03"));
        assertThat(instance).isEnded().hasPassed(USER_POST_IDENTITY_REFUSAL, END_IDENTITY_REFUSED);
        assertThat(postedLetters).containsExactly(USER_POST_IDENTITY_REFUSAL + ":2026-03-03");
        assertThat(statuses.seen).containsExactly("CHECKING_IDENTITY", "REFUSED");
    }

    @Test
    void marketingObjectionCreatesOnlyAMarketingTask() {
        ProcessInstance instance = confirmedRequest("MARKETING_OBJECTION", List.of("contact", "digital", "health"));

        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactly("marketing");
        assertThat(instance).isWaitingAt(DEPARTMENT_TASK);
    }

    @Test
    void rectificationGoesToTheDepartmentsHoldingTheCategoriesAndIsAnsweredAfterReview() {
        ProcessInstance instance = confirmedRequest("RECTIFICATION", List.of("identification"));

        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("sales", "training", "events");
        for (Task task : departmentTasks(instance)) {
            taskService().complete(task.getId(), Map.of("answer", Map.of("identification", Map.of("action", "none"),
                    "recipients", "none")));
        }
        continueAfterDepartmentTasks(instance);
        Task review = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(PRIVACY_REVIEW).singleResult();
        taskService().complete(review.getId(), Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job());
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "RESPONSE");
    }

    @Test
    void erasureAsksEachProcessorToConfirmAndReachesTheReviewOnceItHasAnswered() {
        externalParties.parties = new ArrayList<>(List.of("crm-provider", "email-provider"));
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("contact"));
        for (Task task : departmentTasks(instance)) {
            taskService().complete(task.getId(), Map.of("answer", Map.of("contact", Map.of("action", "erased"), "recipients", "none")));
        }
        continueAfterDepartmentTasks(instance);
        jobQuery().processInstanceId(instance.getId()).activityId("send_external_party_request_email").list()
                .forEach(BpmnAwareTests::execute);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "EXTERNAL_PARTY_REQUEST", "EXTERNAL_PARTY_REQUEST");
        List<org.camunda.bpm.engine.runtime.Execution> waiting = runtimeService().createExecutionQuery()
                .processInstanceId(instance.getId()).activityId(DataSubjectRequestProcess.Elements.RECEIVE_EXTERNAL_PARTY).list();
        assertThat(waiting).hasSize(2);
        assertThat(instance).isNotWaitingAt(PRIVACY_REVIEW);
        waiting.forEach(execution -> runtimeService().signal(execution.getId()));
        jobQuery().processInstanceId(instance.getId()).activityId(DataSubjectRequestProcess.Elements.EXTERNAL_PARTIES).list()
                .forEach(BpmnAwareTests::execute);
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        assertThat(externalParties.calls).isEmpty();
    }

    @Test
    void aSilentProcessorIsRemindedAndThenReportedToThePrivacyTeamAndTheReviewGoesOn() {
        externalParties.parties = new ArrayList<>(List.of("crm-provider"));
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("contact"));
        for (Task task : departmentTasks(instance)) {
            taskService().complete(task.getId(), Map.of("answer", Map.of("contact", Map.of("action", "erased"), "recipients", "none")));
        }
        continueAfterDepartmentTasks(instance);
        execute(job("send_external_party_request_email"));
        Job reminder = timer(instance, DataSubjectRequestProcess.Elements.TIMER_EXTERNAL_PARTY_REMINDER);
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(5))));
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job("send_external_party_reminder_email"));
        Job escalation = timer(instance, DataSubjectRequestProcess.Elements.TIMER_EXTERNAL_PARTY_ESCALATION);
        moveClockTo(escalation.getDuedate());
        execute(escalation);
        execute(job("send_external_party_escalation_email"));
        jobQuery().processInstanceId(instance.getId()).activityId(DataSubjectRequestProcess.Elements.EXTERNAL_PARTIES).list()
                .forEach(BpmnAwareTests::execute);
        assertThat(sentEmails).containsSubsequence("EXTERNAL_PARTY_REQUEST", "EXTERNAL_PARTY_REMINDER", "EXTERNAL_PARTY_ESCALATION");
        assertThat(externalParties.calls).containsExactly("reminded:crm-provider", "escalated:crm-provider");
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
    }

    @Test
    void objectionIsWeighedPerPurposeByThePrivacyTeamBeforeTheReview() {
        ProcessInstance instance = confirmedRequest("OBJECTION", List.of("communication"));
        for (Task task : departmentTasks(instance)) {
            taskService().complete(task.getId(), Map.of("answer", Map.of("communication", Map.of("action", "stopped"))));
        }
        continueAfterDepartmentTasks(instance);
        Task weigh = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION)
                .singleResult();
        assertThat(weigh).hasCandidateGroup("privacy");
        assertThat(taskService().getVariable(weigh.getId(), "objectedPurposes")).isEqualTo(List.of("follow-up"));
        taskService().complete(weigh.getId(), Map.of("objection", Map.of("follow-up", Map.of("override", "no"))));
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());
        assertThat(instance).isEnded().hasPassed(DataSubjectRequestProcess.Elements.OBJECTION_DECISION, END_ANSWERED);
    }

    @Test
    void objectionWhereNoDepartmentStoppedAnythingGoesStraightToTheReview() {
        departmentWork.objectedPurposes = new ArrayList<>();
        ProcessInstance instance = confirmedRequest("OBJECTION", List.of("contact"));
        for (Task task : departmentTasks(instance)) {
            taskService().complete(task.getId(), Map.of("answer", Map.of("contact", Map.of("action", "none"))));
        }
        continueAfterDepartmentTasks(instance);
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        assertThat(taskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(DataSubjectRequestProcess.Elements.OBJECTION_DECISION).count()).isZero();
    }

    @Test
    void portabilityRequestGoesToTheDepartmentsHoldingItsCategories() {
        ProcessInstance instance = confirmedRequest("PORTABILITY", List.of("transaction"));

        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("sales", "support", "training", "events", "finance");
    }

    @Test
    void requestRegisteredByStaffGoesToTheDepartmentsWithoutEmailConfirmation() {
        ProcessInstance instance = start("ACCESS", List.of("identification"), false);
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());

        assertThat(instance).hasNotPassed(WAIT_EMAIL_CONFIRMED, USER_IDENTITY_CHECK);
        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("sales", "training", "events");
        assertThat(clock.calls).containsExactly("start");
    }

    @Test
    void unconfirmedRequestIsRemindedAfterThreeDaysAndClosedAfterFourteen() {
        ProcessInstance instance = start("ACCESS", List.of("contact"), true);
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        assertThat(instance).isWaitingAt(WAIT_EMAIL_CONFIRMED);
        assertThat(runtimeService().getVariable(instance.getId(), CLOCK_STOPPED.name())).isEqualTo(true);

        Job reminder = timer(instance, TIMER_CONFIRMATION_REMINDER);
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(start.plus(Duration.ofDays(3))));
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job(SEND_CONFIRMATION_REMINDER));
        assertThat(instance).isWaitingAt(WAIT_EMAIL_CONFIRMED).hasPassed(END_CONFIRMATION_REMINDED);

        Job expiry = timer(instance, TIMER_CONFIRMATION_EXPIRED);
        assertThat(expiry.getDuedate()).isEqualTo(Date.from(start.plus(Duration.ofDays(14))));
        moveClockTo(expiry.getDuedate());
        execute(expiry);
        execute(job(SEND_CLOSED_UNCONFIRMED));
        execute(job());

        assertThat(instance).isEnded().hasPassed(END_CLOSED_UNCONFIRMED).hasNotPassed(DECIDE_DEPARTMENTS);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "CONFIRMATION_REMINDER", "CLOSED_UNCONFIRMED");
        assertThat(statuses.seen).containsExactly("CLOSED_UNCONFIRMED");
    }

    @Test
    void clockStopsWhileWaitingForConfirmationAndDueDateIsRecomputedOnResume() {
        ProcessInstance instance = start("ACCESS", List.of("contact"), true);
        Date dueAtStart = (Date) runtimeService().getVariable(instance.getId(), DUE_DATE.name());
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        moveClockTo(Date.from(start.plus(Duration.ofDays(2))));

        confirmEmail(instance);

        assertThat(clock.calls).containsExactly("start", "stop:EMAIL_CONFIRMATION", "resume");
        assertThat(runtimeService().getVariable(instance.getId(), CLOCK_STOPPED.name())).isEqualTo(false);
        assertThat((Date) runtimeService().getVariable(instance.getId(), DUE_DATE.name()))
                .isEqualTo(Date.from(dueAtStart.toInstant().plus(Duration.ofDays(2))));
    }

    @Test
    void privacyTeamIsWarnedAndExtendsBeforeTheDueDateMovingAllTimers() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        Date firstDue = (Date) runtimeService().getVariable(instance.getId(), DUE_DATE.name());
        assertThat(timer(instance, TIMER_DEADLINE_BREACH).getDuedate()).isEqualTo(firstDue);

        Task extension = warnAndOpenExtensionDecision(instance);
        assertThat(extension.getDueDate()).isEqualTo(firstDue);
        taskService().complete(extension.getId(), Map.of(EXTEND.name(), true,
                EXTENSION_REASONS.name(), "Eleven systems to search, two of them archived."));
        assertThat(instance).hasPassed(RECORD_EXTENSION);
        execute(job(SEND_EXTENSION_NOTICE));

        Date extended = (Date) runtimeService().getVariable(instance.getId(), EXTENDED_DUE_DATE.name());
        assertThat(extended).isEqualTo(Date.from(clock.received.plus(FakeDeadlineClock.EXTENDED)));
        assertThat(timer(instance, TIMER_DEADLINE_BREACH).getDuedate()).isEqualTo(extended);
        Job secondWarning = timer(instance, TIMER_WARNING_AFTER_EXTENSION);
        assertThat(secondWarning.getDuedate()).isEqualTo(Date.from(extended.toInstant().minus(FakeDeadlineClock.WARNING_BEFORE)));

        moveClockTo(secondWarning.getDuedate());
        execute(secondWarning);
        execute(job(SEND_WARNING_AFTER_EXTENSION));
        assertThat(instance).hasPassed(END_EXTENDED_WARNED).isWaitingAt(DEPARTMENT_TASK);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "DEADLINE_WARNING", "EXTENSION_NOTICE", "DEADLINE_WARNING");
    }

    @Test
    void privacyTeamDecidesNotToExtend() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        Task extension = warnAndOpenExtensionDecision(instance);

        taskService().complete(extension.getId(), Map.of(EXTEND.name(), false));

        assertThat(instance).hasPassed(END_NOT_EXTENDED).hasNotPassed(RECORD_EXTENSION);
        assertThat(runtimeService().getVariable(instance.getId(), EXTENDED_DUE_DATE.name())).isNull();
    }

    @Test
    void extensionAfterTheFirstMonthDueDateIsRefusedAndTheDecisionCloses() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        Date firstDue = (Date) runtimeService().getVariable(instance.getId(), DUE_DATE.name());
        Task extension = warnAndOpenExtensionDecision(instance);

        moveClockTo(Date.from(firstDue.toInstant().plusSeconds(60)));
        assertThatThrownBy(() -> taskService().complete(extension.getId(), Map.of(EXTEND.name(), true,
                EXTENSION_REASONS.name(), "Too late")))
                .isInstanceOf(org.dsrflow.deadlines.ExtensionNotAllowedException.class).hasMessageContaining("due date has passed");
        assertThat(taskQuery().taskId(extension.getId()).count()).isEqualTo(1);

        execute(timer(instance, TIMER_EXTENSION_CUTOFF));
        assertThat(instance).hasPassed(END_EXTENSION_WINDOW_CLOSED).hasNotPassed(RECORD_EXTENSION);
        assertThat(taskQuery().taskId(extension.getId()).count()).isZero();
    }

    @Test
    void unansweredRequestAtItsDueDateIsFlaggedOverdueAndEscalatedToManagers() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        Job breach = timer(instance, TIMER_DEADLINE_BREACH);

        moveClockTo(breach.getDuedate());
        execute(breach);
        execute(job(SEND_BREACH_ESCALATION));

        assertThat(instance).hasPassed(FLAG_OVERDUE, END_BREACH_ESCALATED).isWaitingAt(DEPARTMENT_TASK);
        assertThat(runtimeService().getVariable(instance.getId(), OVERDUE.name())).isEqualTo(true);
        assertThat(sentEmails).contains("BREACH_ESCALATION");
    }

    @Test
    void departmentIsRemindedBeforeItsDueDateAndManagersAreAlertedAfterIt() {
        ProcessInstance instance = confirmedRequest("MARKETING_OBJECTION", List.of("contact"));
        Task task = departmentTasks(instance).get(0);

        Job reminder = timer(instance, TIMER_DEPARTMENT_REMINDER);
        assertThat(reminder.getDuedate()).isEqualTo(task.getFollowUpDate());
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job(SEND_DEPARTMENT_REMINDER));

        Job escalation = timer(instance, TIMER_DEPARTMENT_ESCALATION);
        assertThat(escalation.getDuedate()).isEqualTo(task.getDueDate());
        moveClockTo(escalation.getDuedate());
        execute(escalation);
        execute(job(SEND_DEPARTMENT_ESCALATION));

        assertThat(instance).hasPassed(END_DEPARTMENT_REMINDED, END_DEPARTMENT_ESCALATED).isWaitingAt(DEPARTMENT_TASK);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "DEPARTMENT_REMINDER", "DEPARTMENT_ESCALATION");
        assertThat(taskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void healthDataNeedsAManualIdentityCheckBeforeTheDepartmentsAct() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("health"));
        assertThat(instance).isWaitingAt(USER_IDENTITY_CHECK);
        assertThat(BpmnAwareTests.task()).hasCandidateGroup("privacy");
        assertThat(departmentTasks(instance)).isEmpty();

        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "CALL_BACK",
                IDENTITY_OUTCOME.name(), "VERIFIED"));

        assertThat(identityChecks).containsExactly("CALL_BACK:VERIFIED");
        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("training", "events");
    }

    @Test
    void unverifiedIdentityEndsWithARefusal() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("health"));
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "KNOWLEDGE",
                IDENTITY_OUTCOME.name(), "NOT_VERIFIED", REVIEW_COMMENT.name(), "The details did not match our records."));
        execute(job(SEND_IDENTITY_REFUSAL));
        execute(job());

        assertThat(instance).isEnded().hasPassed(END_IDENTITY_REFUSED).hasNotPassed(DECIDE_DEPARTMENTS);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "REFUSAL");
        assertThat(statuses.seen).containsExactly("CHECKING_IDENTITY", "REFUSED");
    }

    @Test
    void askingForIdentityEvidenceStopsTheClockUntilTheRequesterReplies() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("health"));
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "KNOWLEDGE",
                IDENTITY_OUTCOME.name(), "NEED_MORE", IDENTITY_REQUEST.name(), "The course you attended in 2025."));
        execute(job(SEND_IDENTITY_EVIDENCE_REQUEST));
        assertThat(instance).isWaitingAt(WAIT_IDENTITY_EVIDENCE);
        assertThat(runtimeService().getVariable(instance.getId(), CLOCK_STOPPED.name())).isEqualTo(true);

        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .processInstanceBusinessKey(instance.getBusinessKey()).correlate();

        assertThat(instance).isWaitingAt(USER_IDENTITY_CHECK);
        assertThat(clock.calls).containsExactly("start", "stop:EMAIL_CONFIRMATION", "resume", "stop:IDENTITY_EVIDENCE", "resume");
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "IDENTITY_EVIDENCE_REQUEST");
        assertThat(statuses.seen).containsExactly("CHECKING_IDENTITY", "WAITING_FOR_REQUESTER", "CHECKING_IDENTITY");
    }

    @Test
    void requesterWhoNeverSendsTheEvidenceIsClosedAfterThirtyDays() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("health"));
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "KNOWLEDGE",
                IDENTITY_OUTCOME.name(), "NEED_MORE", IDENTITY_REQUEST.name(), "Your customer number."));
        execute(job(SEND_IDENTITY_EVIDENCE_REQUEST));

        Job expiry = timer(instance, TIMER_IDENTITY_EVIDENCE_EXPIRED);
        assertThat(expiry.getDuedate()).isEqualTo(Date.from(start.plus(Duration.ofDays(30))));
        moveClockTo(expiry.getDuedate());
        execute(expiry);
        execute(job(SEND_CLOSED_NO_REPLY));
        execute(job());

        assertThat(instance).isEnded().hasPassed(END_CLOSED_NO_REPLY);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "IDENTITY_EVIDENCE_REQUEST", "CLOSED_NO_REPLY");
    }

    @Test
    void reviewReturnsOneDepartmentAndItsCorrectedAnswerComesBackToReview() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(),
                Map.of("answer", Map.of("found", "yes"))));
        continueAfterDepartmentTasks(instance);

        completeReview(instance, Map.of(REVIEW_DECISION.name(), "return", RETURN_TO.name(), "finance",
                RETURN_COMMENT.name(), "Add the invoices of 2024."));

        // The task is there at once; the email to the department goes beside it, as a job of its own (retried).
        Task rework = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(DEPARTMENT_REWORK).singleResult();
        assertThat(rework).hasCandidateGroup("finance");
        assertThat(instance).isWaitingAt(SEND_DEPARTMENT_RETURNED);
        tellDepartments(instance);
        assertThat(departmentEmails).containsOnlyOnce("DEPARTMENT_TASK_RETURNED:finance");
        assertThat(taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(DEPARTMENT_TASK).count()).isZero();
        assertThat(taskService().getVariable(rework.getId(), "answer").toString()).contains("yes");
        taskService().complete(rework.getId(), Map.of("answer", Map.of("found", "yes", "note", "invoices added")));
        continueAfterDepartmentTasks(instance);

        assertThat(recordedResults).contains("finance:{found=yes, note=invoices added}");
        assertThat(departmentWork.cleared).containsExactly(instance.getBusinessKey());
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "partial",
                REVIEW_COMMENT.name(), "We cannot disclose the other participants of the course."));
        assertThat(instance).isWaitingAt(SEND_RESPONSE);
    }

    @Test
    void unclearRequestIsClarifiedByTheRequesterWhoseAnswerComesBackToTheReview() {
        ProcessInstance instance = atReview("ACCESS", List.of("contact"));
        assertThat(taskService().getVariable(review(instance).getId(), CLARIFICATION_ANSWERED_ON.name())).isNull();

        completeReview(instance, Map.of(REVIEW_DECISION.name(), "clarify",
                CLARIFICATION_QUESTION.name(), "Which of your two customer accounts do you mean?"));
        assertThat(instance).isWaitingAt(SEND_CLARIFICATION_REQUEST);
        execute(job(SEND_CLARIFICATION_REQUEST));
        assertThat(instance).isWaitingAt(WAIT_CLARIFICATION);
        assertThat(runtimeService().getVariable(instance.getId(), CLOCK_STOPPED.name())).isEqualTo(true);

        // No answer after a week: one reminder, and the wait goes on.
        Job reminder = timer(instance, TIMER_CLARIFICATION_REMINDER);
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(7))));
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job(SEND_CLARIFICATION_REMINDER));
        assertThat(instance).hasPassed(END_CLARIFICATION_REMINDED).isWaitingAt(WAIT_CLARIFICATION);

        questions.answeredOn = "2026-03-20";
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .processInstanceBusinessKey(instance.getBusinessKey()).correlate();

        // The answer comes back to the privacy team's review, with a fresh decision to take.
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        assertThat(taskService().getVariable(review(instance).getId(), CLARIFICATION_ANSWERED_ON.name())).isEqualTo("2026-03-20");
        assertThat(runtimeService().getVariable(instance.getId(), REVIEW_DECISION.name())).isNull();
        assertThat(clock.calls).endsWith("stop:CLARIFICATION", "resume");
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());

        assertThat(instance).isEnded().hasPassed(END_ANSWERED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "CLARIFICATION_REQUEST", "CLARIFICATION_REMINDER", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "WAITING_FOR_REQUESTER", "IN_REVIEW", "ANSWERED");
        assertThat(reviewOutcomes).containsExactly("clarify", "approve");
    }

    /**
     * The departments searched already: with no answer to our question the privacy team answers on what
     * could be searched (EDPB 01/2022; the ICO expects reasonable searches to go on), never a closure that
     * drops a finished answer.
     */
    @Test
    void requesterWhoNeverAnswersTheQuestionIsAnsweredOnWhatWasSearchedAfterAFreshReview() {
        ProcessInstance instance = atReview("ERASURE", List.of("digital"));
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "clarify",
                CLARIFICATION_QUESTION.name(), "Do you want us to erase your forum posts too?"));
        execute(job(SEND_CLARIFICATION_REQUEST));

        // The wait ends when the reply window the question gave ends (the clarifications bean decides it).
        Job expiry = timer(instance, TIMER_CLARIFICATION_EXPIRED);
        assertThat(expiry.getDuedate()).isEqualTo(questions.replyDeadline);
        moveClockTo(expiry.getDuedate());
        questions.unansweredSince = "2026-03-02";
        execute(expiry);

        // Back to the review, which is told the question went unanswered; the clock's timers run on.
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW).hasNotPassed(SEND_CLOSED_NO_REPLY);
        assertThat(taskService().getVariable(review(instance).getId(), CLARIFICATION_UNANSWERED_SINCE.name())).isEqualTo("2026-03-02");
        assertThat(jobQuery().processInstanceId(instance.getId()).timers().count()).isPositive();
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_ANSWERED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "CLARIFICATION_REQUEST", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "WAITING_FOR_REQUESTER", "IN_REVIEW", "ANSWERED");
    }

    @Test
    void feeIsNotifiedFirstThenThePaymentIsRecordedThenTheAnswerIsSent() {
        ProcessInstance instance = atReview("ACCESS", List.of("contact"));
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "fee"));
        assertThat(instance).isWaitingAt(SEND_FEE_NOTICE);
        execute(job(SEND_FEE_NOTICE));

        Task payment = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_FEE_PAYMENT).singleResult();
        assertThat(payment).hasCandidateGroup("privacy");
        assertThat(payment.getDueDate()).isEqualTo(runtimeService().getVariable(instance.getId(), FEE_PAY_BY.name()));
        assertThat(timer(instance, TIMER_FEE_UNPAID).getDuedate())
                .isEqualTo(runtimeService().getVariable(instance.getId(), FEE_CLOSES_AT.name()));
        assertThat(clock.calls).endsWith("stop:FEE");
        taskService().complete(payment.getId(), Map.of(FEE_OUTCOME.name(), "PAID", FEE_PAID_ON.name(), "2026-03-10"));

        assertThat(instance).hasPassed(END_HANDLING_FEE_PAID).isWaitingAt(SEND_RESPONSE);
        execute(job(SEND_RESPONSE));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_ANSWERED).hasNotPassed(SEND_CLOSED_FEE_UNPAID);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "FEE_NOTICE", "RESPONSE");
        assertThat(feePayments).containsExactly("PAID");
        assertThat(clock.calls).endsWith("stop:FEE", "resumeAfterFee");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "WAITING_FOR_FEE", "ANSWERED");
    }

    @Test
    void feeTheRequesterDeclinesClosesTheRequestWithANotice() {
        ProcessInstance instance = atReview("ACCESS", List.of("contact"));
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "fee"));
        execute(job(SEND_FEE_NOTICE));
        Task payment = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_FEE_PAYMENT).singleResult();

        taskService().complete(payment.getId(), Map.of(FEE_OUTCOME.name(), "NOT_PAID"));

        assertThat(instance).hasPassed(GATEWAY_FEE_PAID, END_FEE_NOT_PAID, BOUNDARY_FEE_NOT_PAID).isWaitingAt(SEND_CLOSED_FEE_UNPAID);
        execute(job(SEND_CLOSED_FEE_UNPAID));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_CLOSED_FEE_UNPAID).hasNotPassed(SEND_RESPONSE);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "FEE_NOTICE", "CLOSED_FEE_UNPAID");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "WAITING_FOR_FEE", "CLOSED_FEE_UNPAID");
    }

    @Test
    void feeNotPaidWhenThePaymentPeriodAndTheRecordingTimeHaveEndedClosesTheRequest() {
        ProcessInstance instance = atReview("ACCESS", List.of("contact"));
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "fee"));
        execute(job(SEND_FEE_NOTICE));

        Job unpaid = timer(instance, TIMER_FEE_UNPAID);
        moveClockTo(unpaid.getDuedate());
        execute(unpaid);

        assertThat(taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_FEE_PAYMENT).count()).isZero();
        assertThat(jobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        execute(job(SEND_CLOSED_FEE_UNPAID));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_FEE_NOT_PAID, END_CLOSED_FEE_UNPAID).hasNotPassed(GATEWAY_FEE_PAID);
        assertThat(feePayments).isEmpty();
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "FEE_NOTICE", "CLOSED_FEE_UNPAID");
    }

    // Triage: the decisions that can stop a request come before any department acts (Art. 12(5); EDPB 01/2022 v2.1 §194).

    @Test
    void repeatRequestIsRefusedBeforeAnyDepartmentTaskExists() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("contact"), Map.of(REPEAT_OF.name(), "DSR-2026-000000"));

        assertThat(instance).isWaitingAt(USER_TRIAGE);
        assertThat(triage(instance)).hasCandidateGroup("privacy");
        assertThat(departmentTasks(instance)).isEmpty();
        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "refuse",
                REVIEW_COMMENT.name(), "Your request of last week was answered in full; nothing has changed since."));

        assertThat(instance).hasPassed(END_TRIAGE_REFUSED).isWaitingAt(SEND_REFUSAL);
        execute(job(SEND_REFUSAL));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_REFUSED).hasNotPassed(DECIDE_DEPARTMENTS, DEPARTMENT_TASK, PRIVACY_REVIEW);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "REFUSAL");
        assertThat(departmentEmails).isEmpty();
    }

    @Test
    void requestFlaggedAtTheIdentityCheckGoesToTheDepartmentsOnlyWhenTheTriageLetsIt() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("health"));
        assertThat(instance).isWaitingAt(USER_IDENTITY_CHECK);
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(IDENTITY_METHOD.name(), "CALL_BACK",
                IDENTITY_OUTCOME.name(), "VERIFIED", DECIDE_FIRST.name(), true));
        assertThat(instance).isWaitingAt(USER_TRIAGE);
        assertThat(departmentTasks(instance)).isEmpty();

        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "proceed"));

        assertThat(departmentTasks(instance)).extracting(DataSubjectRequestProcessTest::candidateGroup)
                .containsExactlyInAnyOrder("training", "events");
        assertThat(runtimeService().getVariable(instance.getId(), REVIEW_DECISION.name())).as("the triage's decision is done with").isNull();
        assertThat(reviewOutcomes).containsExactly("proceed");
    }

    @Test
    void feeNotifiedBeforeTheDepartmentsActIsPaidThenTheDepartmentsSearchAndTheReviewAnswers() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"), Map.of(REPEAT_OF.name(), "DSR-2026-000000"));
        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "fee"));
        execute(job(SEND_FEE_NOTICE));
        assertThat(departmentTasks(instance)).as("no department searches before the fee is paid").isEmpty();
        Task payment = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_FEE_PAYMENT).singleResult();
        taskService().complete(payment.getId(), Map.of(FEE_OUTCOME.name(), "PAID", FEE_PAID_ON.name(), "2026-03-10"));

        assertThat(instance).hasNotPassed(END_HANDLING_FEE_PAID);
        assertThat(departmentTasks(instance)).isNotEmpty();
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());

        assertThat(instance).isEnded().hasPassed(END_ANSWERED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "FEE_NOTICE", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_PROGRESS", "WAITING_FOR_FEE", "IN_PROGRESS", "IN_REVIEW", "ANSWERED");
        assertThat(clock.calls).contains("stop:FEE", "resumeAfterFee");
    }

    @Test
    void questionAskedBeforeTheDepartmentsActComesBackToTheTriageAnsweredOrNot() {
        ProcessInstance instance = confirmedRequest("RECTIFICATION", List.of("contact"), Map.of(DECIDE_FIRST.name(), true));
        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "clarify",
                CLARIFICATION_QUESTION.name(), "Which address should we correct?"));
        execute(job(SEND_CLARIFICATION_REQUEST));
        assertThat(instance).isWaitingAt(WAIT_CLARIFICATION);

        questions.answeredOn = "2026-03-05";
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .processInstanceBusinessKey(instance.getBusinessKey()).correlate();
        assertThat(instance).isWaitingAt(USER_TRIAGE);
        assertThat(taskService().getVariable(triage(instance).getId(), CLARIFICATION_ANSWERED_ON.name())).isEqualTo("2026-03-05");
        assertThat(departmentTasks(instance)).isEmpty();

        // Asked again, and this time no answer: back to the triage once the reply window ends.
        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "clarify",
                CLARIFICATION_QUESTION.name(), "And from which date?"));
        execute(job(SEND_CLARIFICATION_REQUEST));
        Job expiry = timer(instance, TIMER_CLARIFICATION_EXPIRED);
        moveClockTo(expiry.getDuedate());
        questions.unansweredSince = "2026-03-06";
        execute(expiry);
        assertThat(instance).isWaitingAt(USER_TRIAGE).hasNotPassed(PRIVACY_REVIEW);
        taskService().complete(triage(instance).getId(), Map.of(REVIEW_DECISION.name(), "proceed"));

        assertThat(departmentTasks(instance)).isNotEmpty();
        assertThat(reviewOutcomes).containsExactly("clarify", "clarify", "proceed");
        assertThat(sentEmails).startsWith("ACKNOWLEDGEMENT", "CLARIFICATION_REQUEST", "CLARIFICATION_REQUEST");
    }

    /**
     * The privacy team asks from Tasklist while the departments work (a message from the "Ask a requester a
     * question" start form): their tasks stay open and the search goes on; a reminder after a week; the
     * answer opens a task for the privacy team, and the review follows the departments as usual.
     */
    @Test
    void questionAskedWhileTheDepartmentsWorkLeavesTheirTasksOpenAndTheAnswerGoesToThePrivacyTeam() {
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        List<Task> working = departmentTasks(instance);
        assertThat(working).hasSize(4);

        askWhileHandled(instance);
        assertThat(instance).isWaitingAt(SEND_QUESTION_ANY_TIME);
        execute(job(SEND_QUESTION_ANY_TIME));
        assertThat(instance).isWaitingAt(WAIT_QUESTION_ANY_TIME);
        assertThat(departmentTasks(instance)).extracting(Task::getId).containsExactlyInAnyOrderElementsOf(
                working.stream().map(Task::getId).toList());
        assertThat(clock.calls).endsWith("stop:CLARIFICATION");

        Job reminder = timer(instance, TIMER_QUESTION_ANY_TIME_REMINDER);
        moveClockTo(reminder.getDuedate());
        execute(reminder);
        execute(job(SEND_QUESTION_ANY_TIME_REMINDER));
        assertThat(instance).hasPassed(END_QUESTION_ANY_TIME_REMINDED).isWaitingAt(WAIT_QUESTION_ANY_TIME);

        questions.answeredOn = "2026-03-05";
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.REQUESTER_REPLIED)
                .processInstanceBusinessKey(instance.getBusinessKey()).correlate();
        Task answered = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_QUESTION_ANSWERED).singleResult();
        assertThat(answered).hasCandidateGroup("privacy");
        assertThat(taskService().getVariable(answered.getId(), CLARIFICATION_ANSWERED_ON.name())).isEqualTo("2026-03-05");
        assertThat(clock.calls).endsWith("stop:CLARIFICATION", "resume");
        assertThat(statuses.ended).isEqualTo(1);
        taskService().complete(answered.getId());
        assertThat(instance).hasPassed(END_QUESTION_ANY_TIME_ANSWERED);

        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "approve"));
        execute(job(SEND_RESPONSE));
        execute(job());
        assertThat(instance).isEnded().hasPassed(END_ANSWERED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "CLARIFICATION_REQUEST", "CLARIFICATION_REMINDER", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "WAITING_FOR_REQUESTER", "IN_REVIEW", "ANSWERED");
    }

    /** No answer by the day the question gave: the departments' work goes on untouched and the review is told then. */
    @Test
    void questionAskedWhileTheDepartmentsWorkThatGoesUnansweredLeavesTheWorkGoing() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("digital"));
        askWhileHandled(instance);
        execute(job(SEND_QUESTION_ANY_TIME));
        Job expiry = timer(instance, TIMER_QUESTION_ANY_TIME_EXPIRED);
        assertThat(expiry.getDuedate()).isEqualTo(questions.replyDeadline);
        moveClockTo(expiry.getDuedate());
        execute(expiry);
        assertThat(instance).hasPassed(END_QUESTION_ANY_TIME_UNANSWERED).isNotWaitingAt(WAIT_QUESTION_ANY_TIME)
                .hasNotPassed(SEND_CLOSED_NO_REPLY);
        assertThat(departmentTasks(instance)).isNotEmpty();
        assertThat(taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_QUESTION_ANSWERED).count()).isZero();
        assertThat(clock.calls).endsWith("stop:CLARIFICATION", "resume");
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "CLARIFICATION_REQUEST");
    }

    @Test
    void aDepartmentsTaskOpensOnceItsSystemsHaveBeenSearched() {
        systemWork.systems = List.of("crm", "helpdesk");
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));

        assertThat(instance).isWaitingAt(RECEIVE_SYSTEMS_SEARCHED, SEARCH_SYSTEM);
        assertThat(departmentTasks(instance)).isEmpty();
        List<org.camunda.bpm.engine.externaltask.LockedExternalTask> searches = externalTaskService().fetchAndLock(10, "worker")
                .topic(SystemTasks.TOPIC_SQL, 60_000).variables(SYSTEM_RUN.name()).execute();
        // One search per system and department; each carries only its run's id.
        assertThat(searches).hasSize(2 * waitingForSearches(instance).size());
        assertThat(searches).allSatisfy(task -> assertThat(task.getVariables().keySet()).containsExactly(SYSTEM_RUN.name()));
        searches.forEach(task -> externalTaskService().complete(task.getId(), "worker"));
        // The worker opens each department's task when the department's last search has its outcome.
        waitingForSearches(instance).forEach(execution -> runtimeService().signal(execution.getId()));

        assertThat(departmentTasks(instance)).isNotEmpty();
        assertThat(taskService().getVariable(departmentTasks(instance).get(0).getId(), "departmentSystems")).isEqualTo("CRM: 2 records");
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "yes"))));
        continueAfterDepartmentTasks(instance);
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
    }

    @Test
    void aSystemThatStaysDownBecomesAnIncidentAndTheDepartmentAnswersByHandAfterTheWait() {
        systemWork.systems = List.of("crm");
        ProcessInstance instance = confirmedRequest("ACCESS", List.of("contact"));
        List<org.camunda.bpm.engine.externaltask.LockedExternalTask> searches = externalTaskService().fetchAndLock(10, "worker")
                .topic(SystemTasks.TOPIC_SQL, 60_000).execute();
        searches.forEach(task -> externalTaskService().handleFailure(task.getId(), "worker", "System crm (CRM), search, given up after 4 attempts: connection refused", 0, 0));
        assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).list())
                .extracting(org.camunda.bpm.engine.runtime.Incident::getIncidentMessage)
                .containsOnly("System crm (CRM), search, given up after 4 attempts: connection refused");

        Job wait = jobQuery().processInstanceId(instance.getId()).timers().activityId(TIMER_SYSTEMS_SEARCH_WAIT).list().get(0);
        moveClockTo(wait.getDuedate());
        jobQuery().processInstanceId(instance.getId()).timers().activityId(TIMER_SYSTEMS_SEARCH_WAIT).list().forEach(BpmnAwareTests::execute);
        assertThat(departmentTasks(instance)).isNotEmpty();

        // The department answered by hand: its failed search is no longer needed and ends with its work.
        systemWork.searchesLeft = true;
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void whatTheDepartmentConfirmedIsCarriedOutInItsSystemsBeforeTheReview() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("contact"));
        systemWork.actions = List.of("crm/contact");
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("contact", Map.of("action", "erased")))));
        continueAfterDepartmentTasks(instance);

        assertThat(instance).isWaitingAt(ACT_IN_SYSTEM);
        List<org.camunda.bpm.engine.externaltask.LockedExternalTask> actions = externalTaskService().fetchAndLock(10, "worker")
                .topic(SystemTasks.TOPIC_HTTP, 60_000).variables(SYSTEM_RUN.name()).execute();
        assertThat(actions).isNotEmpty().allSatisfy(task -> assertThat(task.getVariables().get(SYSTEM_RUN.name())).isEqualTo(41L));
        actions.forEach(task -> externalTaskService().complete(task.getId(), "worker"));
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
    }

    @Test
    void aCorrectedAnswerThatConfirmsMoreIsCarriedOutInTheSystemsBeforeTheReviewAgain() {
        ProcessInstance instance = confirmedRequest("ERASURE", List.of("contact"));
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("contact", Map.of("action", "none")))));
        continueAfterDepartmentTasks(instance);
        completeReview(instance, Map.of(REVIEW_DECISION.name(), "return", RETURN_TO.name(), "finance",
                RETURN_COMMENT.name(), "The CRM still has the contact details."));
        Task rework = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(DEPARTMENT_REWORK).singleResult();

        systemWork.actions = List.of("crm/contact");
        taskService().complete(rework.getId(), Map.of("answer", Map.of("contact", Map.of("action", "erased"))));
        continueAfterDepartmentTasks(instance);

        assertThat(instance).isWaitingAt(ACT_IN_SYSTEM_AFTER_REWORK);
        List<org.camunda.bpm.engine.externaltask.LockedExternalTask> actions = externalTaskService().fetchAndLock(10, "worker")
                .topic(SystemTasks.TOPIC_HTTP, 60_000).variables(SYSTEM_RUN.name()).execute();
        assertThat(actions).hasSize(1);
        externalTaskService().complete(actions.get(0).getId(), "worker");
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
    }

    private static List<org.camunda.bpm.engine.runtime.Execution> waitingForSearches(ProcessInstance instance) {
        return runtimeService().createExecutionQuery().processInstanceId(instance.getId()).activityId(RECEIVE_SYSTEMS_SEARCHED).list();
    }

    private static org.camunda.bpm.engine.ExternalTaskService externalTaskService() {
        return BpmnAwareTests.processEngine().getExternalTaskService();
    }

    private static void askWhileHandled(ProcessInstance instance) {
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.PRIVACY_QUESTION)
                .processInstanceBusinessKey(instance.getBusinessKey()).correlate();
    }

    private ProcessInstance start(String type, List<String> categories, boolean confirmationRequired) {
        return start(type, categories, confirmationRequired, Map.of());
    }

    /** With {@code more} variables, e.g. a repeat ({@code repeatOf}) or the privacy team's flag ({@code decideFirst}). */
    private ProcessInstance start(String type, List<String> categories, boolean confirmationRequired, Map<String, Object> more) {
        return runtimeService().createProcessInstanceByKey(DataSubjectRequestProcess.KEY)
                .businessKey("DSR-2026-000001")
                .setVariables(more)
                .setVariable(REQUEST_ID.name(), 1L)
                .setVariable(TYPE.name(), type)
                .setVariable(SITE.name(), "SE")
                .setVariable(LANGUAGE.name(), "en")
                .setVariable(CATEGORIES.name(), new ArrayList<>(categories))
                .setVariable(EMAIL_CONFIRMATION_REQUIRED.name(), confirmationRequired)
                .setVariable(ON_BEHALF.name(), false)
                .setVariable(SPECIAL_CATEGORY.name(), categories.contains("health"))
                .execute();
    }

    private ProcessInstance confirmedRequest(String type, List<String> categories) {
        return confirmedRequest(type, categories, Map.of());
    }

    private ProcessInstance confirmedRequest(String type, List<String> categories, Map<String, Object> more) {
        ProcessInstance instance = start(type, categories, true, more);
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        confirmEmail(instance);
        return instance;
    }

    /** A confirmed request whose departments all answered: the privacy review is open. */
    private ProcessInstance atReview(String type, List<String> categories) {
        ProcessInstance instance = confirmedRequest(type, categories);
        departmentTasks(instance).forEach(task -> taskService().complete(task.getId(), Map.of("answer", Map.of("found", "no"))));
        continueAfterDepartmentTasks(instance);
        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        return instance;
    }

    private static Task triage(ProcessInstance instance) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(USER_TRIAGE).singleResult();
    }

    private static Task review(ProcessInstance instance) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(PRIVACY_REVIEW).singleResult();
    }

    private Task warnAndOpenExtensionDecision(ProcessInstance instance) {
        Job warning = timer(instance, TIMER_DEADLINE_WARNING);
        moveClockTo(warning.getDuedate());
        execute(warning);
        execute(job(SEND_DEADLINE_WARNING));
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(EXTENSION_DECISION).singleResult();
    }

    private static void completeReview(ProcessInstance instance, Map<String, Object> variables) {
        Task review = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(PRIVACY_REVIEW).singleResult();
        taskService().complete(review.getId(), variables);
    }

    private static Job timer(ProcessInstance instance, String activityId) {
        return jobQuery().processInstanceId(instance.getId()).timers().activityId(activityId).singleResult();
    }

    private static void moveClockTo(Date date) {
        ClockUtil.setCurrentTime(date);
    }

    private static void confirmEmail(ProcessInstance instance) {
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.EMAIL_CONFIRMED)
                .processInstanceBusinessKey(instance.getBusinessKey())
                .correlate();
    }

    /**
     * Sends the emails that told the departments of their tasks (beside each task), then executes the
     * asynchronous continuations after completed department tasks (the multi-instance join).
     */
    private static void continueAfterDepartmentTasks(ProcessInstance instance) {
        tellDepartments(instance);
        jobQuery().processInstanceId(instance.getId()).activityId(DEPARTMENT_TASK).list().forEach(BpmnAwareTests::execute);
        jobQuery().processInstanceId(instance.getId()).activityId(DEPARTMENT_REWORK).list().forEach(BpmnAwareTests::execute);
    }

    /** Executes the jobs that email the departments about a new or a returned task. */
    private static void tellDepartments(ProcessInstance instance) {
        jobQuery().processInstanceId(instance.getId()).activityId(SEND_DEPARTMENT_TASK).list().forEach(BpmnAwareTests::execute);
        jobQuery().processInstanceId(instance.getId()).activityId(SEND_DEPARTMENT_RETURNED).list().forEach(BpmnAwareTests::execute);
    }

    private static List<Task> departmentTasks(ProcessInstance instance) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(DEPARTMENT_TASK).list();
    }

    private static String candidateGroup(Task task) {
        return taskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null)
                .map(link -> link.getGroupId())
                .findFirst().orElseThrow();
    }

    /** Stand-in for the clarifications bean: when the requester answered the last question, as the review task sees it. */
    public static class AnsweredQuestions {
        String answeredOn;
        String unansweredSince;
        Date replyDeadline = Date.from(java.time.Instant.parse("2026-04-01T21:59:59Z"));

        public String answeredOn(DelegateExecution execution) {
            return answeredOn;
        }

        public String unansweredSince(DelegateExecution execution) {
            return unansweredSince;
        }

        public String waitingSince(DelegateExecution execution) {
            return null;
        }

        public Date replyDeadline(DelegateExecution execution) {
            return replyDeadline;
        }
    }

    /** Stand-in for the requestStatus bean: records the statuses the process moves through. */
    public static class StatusRecorder {
        final List<String> seen = new ArrayList<>();

        int ended;

        public void moveTo(DelegateExecution execution, String status) {
            seen.add(status);
        }

        public void questionAsked(DelegateExecution execution) {
            seen.add("WAITING_FOR_REQUESTER");
        }

        public void questionEnded(DelegateExecution execution) {
            ended++;
        }
    }
}
