package org.dsrflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.DEPARTMENT_TASK;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.END_ANSWERED;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.END_REFUSED;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.PRIVACY_REVIEW;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.SEND_ACKNOWLEDGEMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.SEND_REFUSAL;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.SEND_RESPONSE;
import static org.dsrflow.process.DataSubjectRequestProcess.Elements.WAIT_EMAIL_CONFIRMED;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CATEGORIES;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_OUTCOME;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENT_REPORT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.EMAIL_KIND;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.LANGUAGE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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

/** Paths of bpmn/data-subject-request.bpmn, with the real routing DMN and recording stand-ins for the beans. */
@Deployment(resources = {"bpmn/data-subject-request.bpmn", "bpmn/department-routing.dmn"})
class DataSubjectRequestProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final List<String> sentEmails = new ArrayList<>();
    private final List<String> recordedResults = new ArrayList<>();
    private final StatusRecorder statuses = new StatusRecorder();

    @BeforeEach
    void registerBeans() {
        BpmnAwareTests.init(engine.getProcessEngine());
        Mocks.register("sendEmail", (JavaDelegate) execution -> sentEmails.add(EMAIL_KIND.from(execution)));
        Mocks.register("departmentResultRecorder", (TaskListener) task -> recordedResults.add(
                DEPARTMENT.from(task) + ":" + DEPARTMENT_OUTCOME.from(task) + ":" + DEPARTMENT_REPORT.optionalFrom(task)));
        Mocks.register("requestStatus", statuses);
    }

    @AfterEach
    void resetBeans() {
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void accessRequestIsAnsweredAfterConfirmationDepartmentWorkAndApproval() {
        ProcessInstance instance = start("ACCESS", List.of("contact"));

        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        assertThat(instance).isWaitingAt(WAIT_EMAIL_CONFIRMED);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT");

        confirmEmail(instance);

        List<Task> departmentTasks = departmentTasks(instance);
        assertThat(departmentTasks).extracting(task -> candidateGroup(task))
                .containsExactlyInAnyOrder("sales", "marketing", "support", "finance");
        for (Task task : departmentTasks) {
            String group = candidateGroup(task);
            taskService().complete(task.getId(), Map.of(DEPARTMENT_OUTCOME.name(), "DONE",
                    DEPARTMENT_REPORT.name(), "report of " + group));
        }
        // Each department's answer stayed its own (task-local variables), none leaked into the instance.
        assertThat(recordedResults).containsExactlyInAnyOrder("sales:DONE:report of sales",
                "marketing:DONE:report of marketing", "support:DONE:report of support", "finance:DONE:report of finance");
        assertThat(runtimeService().getVariable(instance.getId(), DEPARTMENT_REPORT.name())).isNull();

        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        assertThat(BpmnAwareTests.task()).hasCandidateGroup("privacy");
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(REVIEW_DECISION.name(), "approve"));

        assertThat(instance).isWaitingAt(SEND_RESPONSE);
        execute(job());
        execute(job());
        assertThat(instance).isEnded().hasPassed(SEND_RESPONSE, END_ANSWERED).hasNotPassed(SEND_REFUSAL);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "RESPONSE");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "ANSWERED");
    }

    @Test
    void refusedRequestEndsWithRefusalEmail() {
        ProcessInstance instance = start("ERASURE", List.of("digital"));
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        confirmEmail(instance);

        List<Task> departmentTasks = departmentTasks(instance);
        assertThat(departmentTasks).extracting(task -> candidateGroup(task))
                .containsExactlyInAnyOrder("marketing", "webdigital");
        departmentTasks.forEach(task -> taskService().complete(task.getId(),
                Map.of(DEPARTMENT_OUTCOME.name(), "NOTHING_FOUND")));

        assertThat(instance).isWaitingAt(PRIVACY_REVIEW);
        taskService().complete(BpmnAwareTests.task().getId(), Map.of(REVIEW_DECISION.name(), "refuse",
                REVIEW_COMMENT.name(), "Manifestly unfounded: the same request was answered yesterday."));
        assertThat(instance).isWaitingAt(SEND_REFUSAL);
        execute(job());
        execute(job());

        assertThat(instance).isEnded().hasPassed(SEND_REFUSAL, END_REFUSED).hasNotPassed(SEND_RESPONSE);
        assertThat(sentEmails).containsExactly("ACKNOWLEDGEMENT", "REFUSAL");
        assertThat(statuses.seen).containsExactly("IN_PROGRESS", "IN_REVIEW", "REFUSED");
    }

    @Test
    void marketingObjectionCreatesOnlyAMarketingTask() {
        ProcessInstance instance = start("MARKETING_OBJECTION", List.of("contact", "digital", "health"));
        assertThat(instance).isWaitingAt(SEND_ACKNOWLEDGEMENT);
        execute(job());
        confirmEmail(instance);

        assertThat(departmentTasks(instance)).extracting(task -> candidateGroup(task)).containsExactly("marketing");
        assertThat(instance).isWaitingAt(DEPARTMENT_TASK);
    }

    private ProcessInstance start(String type, List<String> categories) {
        return runtimeService().createProcessInstanceByKey(DataSubjectRequestProcess.KEY)
                .businessKey("DSR-2026-000001")
                .setVariable(REQUEST_ID.name(), 1L)
                .setVariable(TYPE.name(), type)
                .setVariable(SITE.name(), "SE")
                .setVariable(LANGUAGE.name(), "en")
                .setVariable(CATEGORIES.name(), new ArrayList<>(categories))
                .execute();
    }

    private static void confirmEmail(ProcessInstance instance) {
        runtimeService().createMessageCorrelation(DataSubjectRequestProcess.Messages.EMAIL_CONFIRMED)
                .processInstanceBusinessKey(instance.getBusinessKey())
                .correlate();
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

    /** Stand-in for the requestStatus bean: records the statuses the process moves through. */
    public static class StatusRecorder {
        final List<String> seen = new ArrayList<>();

        public void moveTo(DelegateExecution execution, String status) {
            seen.add(status);
        }
    }
}
