package org.dsrflow.departments;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.DepartmentWork;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Mails;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff side as people meet it (issue 28): every task says which request it is about (reference,
 * type, site, due date) and gives its form words instead of codes; a department is emailed once when
 * a task arrives and when an answer is returned to it, without personal data; a "kept until" date that
 * cannot be right is refused, naming the field.
 */
@SmtpIntegrationTest
class StaffTasksTest extends WithGreenMail {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

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
    RepositoryService repository;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    RequestRepository requests;
    @Autowired
    DepartmentResultRepository results;

    private Http http;

    @BeforeEach
    void users() {
        TestUsers.ensure(identity);
        http = new Http(port);
    }

    @Test
    void everyTaskOfARequestSaysItsReferenceTypeSiteAndDueDateAndItsFormGetsWordsInsteadOfCodes() {
        String reference = Requests.confirmed(intake, management, process, "ERASURE", "SE", "sv", List.of("contact", "health"));
        DsrRequest request = requests.findByReference(reference).orElseThrow();
        String heading = reference + " · Erasure · SE · due ";

        // Health data: the privacy team checks identity first.
        Task check = task(reference, Elements.USER_IDENTITY_CHECK);
        assertThat(check.getName()).isEqualTo(heading + request.dueDate() + " — Check identity");
        assertThat(check.getDescription()).startsWith(heading + request.dueDate() + " (Sweden)");
        assertThat(tasks.getVariablesLocal(check.getId())).containsEntry("typeLabel", "Erasure")
                .containsEntry("siteLabel", "Sweden").containsEntry("reference", reference)
                .containsEntry("requesterLanguage", "Swedish (svenska)");
        assertThat(submit(check, "privacy", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "VERIFIED"}}}""").status())
                .isEqualTo(204);
        Jobs.executeDue(management);

        DepartmentWork work = new DepartmentWork(tasks, management);
        List<Task> departmentTasks = work.tasks(reference);
        assertThat(departmentTasks).extracting(work::department)
                .containsExactlyInAnyOrder("sales", "marketing", "support", "finance", "training", "events");
        for (Task task : departmentTasks) {
            String name = Map.of("sales", "Sales", "marketing", "Marketing", "support", "Support", "finance", "Finance",
                    "training", "Training", "events", "Events").get(work.department(task));
            assertThat(task.getName()).isEqualTo(heading + day(task) + " — Search or act in " + name);
            assertThat(tasks.getVariablesLocal(task.getId())).containsEntry("departmentName", name)
                    .containsEntry("typeLabel", "Erasure").containsEntry("siteLabel", "Sweden")
                    .containsEntry("requesterLanguage", "Swedish (svenska)");
            assertThat(task.getName() + task.getDescription()).doesNotContain("Test Person", "person@example.com");
        }
        for (Task task : departmentTasks) {
            work.complete(task, nothingHeld(work.categoriesHeld(task)));
        }

        Task review = task(reference, Elements.PRIVACY_REVIEW);
        assertThat(review.getName()).isEqualTo(heading + request.dueDate() + " — Review and approve answer");
        assertThat(submit(review, "privacy", """
                {"variables": {"reviewDecision": {"value": "return"}, "returnTo": {"value": "finance"},
                 "returnComment": {"value": "Check the invoices of 2024."}}}""").status()).isEqualTo(204);
        Task rework = task(reference, Elements.DEPARTMENT_REWORK);
        assertThat(rework.getName()).isEqualTo(heading + day(rework) + " — Correct the answer of Finance");
        assertThat(tasks.getVariablesLocal(rework.getId())).containsEntry("departmentName", "Finance");
        work.complete(rework, nothingHeld(work.categoriesHeld(rework)));

        review = task(reference, Elements.PRIVACY_REVIEW);
        assertThat(submit(review, "privacy", """
                {"variables": {"reviewDecision": {"value": "fee"}, "feeAmount": {"value": 250},
                 "feeReasons": {"value": "The fourth identical request this month."},
                 "feeCalculation": {"value": "Two hours of work at 125 SEK."},
                 "feePayment": {"value": "Bank giro 123-4567, reference DSR."}}}""").status()).isEqualTo(204);
        Jobs.executeDue(management);
        Task fee = task(reference, Elements.USER_FEE_PAYMENT);
        assertThat(fee.getName()).isEqualTo(heading + day(fee) + " — Record the fee payment");

        // The statutory clock's warning opens the extension decision.
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        Job warning = management.createJobQuery().processInstanceId(instance).activityId(Elements.TIMER_DEADLINE_WARNING)
                .singleResult();
        management.executeJob(warning.getId());
        Jobs.executeDue(management);
        Task extension = task(reference, Elements.EXTENSION_DECISION);
        assertThat(extension.getName()).startsWith(heading).endsWith(" — Decide on extension");
        assertThat(extension.getName()).isEqualTo(heading + day(extension) + " — Decide on extension");
    }

    @Test
    void everyUserTaskOfEveryProcessIsNamedWhenItIsCreated() {
        List<String> unnamed = new ArrayList<>();
        int userTasks = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            ProcessDefinitionEntity deployed = engine.getCommandExecutorTxRequired().execute(context ->
                    engine.getDeploymentCache().findDeployedProcessDefinitionById(definition.getId()));
            for (ActivityImpl activity : activities(deployed.getActivities())) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTasks++;
                    boolean named = userTask.getTaskDefinition().getTaskListeners().getOrDefault(TaskListener.EVENTNAME_CREATE, List.of()).stream()
                            .anyMatch(listener -> listener.getClass().getSimpleName().equals("TaskTitles"));
                    if (!named) {
                        unnamed.add(definition.getKey() + "/" + activity.getId());
                    }
                }
            }
        }
        assertThat(userTasks).isGreaterThanOrEqualTo(8);
        assertThat(unnamed).isEmpty();
    }

    @Test
    void eachDepartmentIsEmailedOnceWhenATaskArrivesAndWhenItsAnswerIsReturnedWithoutPersonalData() throws Exception {
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        Jobs.executeDue(management);
        Jobs.executeDue(management);

        DepartmentWork work = new DepartmentWork(tasks, management);
        Map<String, String> addresses = Map.of("sales", "sales@example.org", "marketing", "marketing@example.org",
                "support", "support@example.org", "finance", "finance@example.org");
        for (Task task : work.tasks(reference)) {
            String address = addresses.get(work.department(task));
            assertThat(Mails.countTo(greenMail, address)).as(address).isEqualTo(1);
            MimeMessage email = Mails.lastTo(greenMail, address);
            String everything = Mails.everything(email);
            assertThat(email.getSubject()).startsWith("New task for ").endsWith(": " + reference);
            assertThat(everything).contains(reference, "Access", "Sweden", "due " + day(task),
                    "/camunda/app/tasklist/default/#/?task=" + task.getId());
            assertThat(everything).doesNotContain("Test Person", "person@example.com", "ACCESS", "/cockpit/");
        }
        assertThat(Mails.countTo(greenMail, "training@example.org")).isZero();

        for (Task task : work.tasks(reference)) {
            work.complete(task, Map.of("found", "no"));
        }
        assertThat(submit(task(reference, Elements.PRIVACY_REVIEW), "privacy", """
                {"variables": {"reviewDecision": {"value": "return"}, "returnTo": {"value": "finance"},
                 "returnComment": {"value": "Check the invoices of 2024."}}}""").status()).isEqualTo(204);
        Jobs.executeDue(management);
        Jobs.executeDue(management);

        Task rework = task(reference, Elements.DEPARTMENT_REWORK);
        assertThat(Mails.countTo(greenMail, "finance@example.org")).isEqualTo(2);
        MimeMessage returned = Mails.lastTo(greenMail, "finance@example.org");
        assertThat(returned.getSubject()).isEqualTo("Answer returned to Finance: " + reference);
        assertThat(Mails.everything(returned)).contains("/camunda/app/tasklist/default/#/?task=" + rework.getId())
                .doesNotContain("Test Person", "person@example.com", "Check the invoices");
        for (String other : List.of("sales@example.org", "marketing@example.org", "support@example.org")) {
            assertThat(Mails.countTo(greenMail, other)).as(other).isEqualTo(1);
        }
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(Mails::recipient)
                .filter(addresses::containsValue)).hasSize(5);
    }

    @Test
    void aKeptUntilDateInThePastOrACenturyAheadIsRefusedNamingTheFieldAndNothingChanges() {
        String reference = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("contact"));
        DepartmentWork work = new DepartmentWork(tasks, management);
        Task sales = work.task(reference, "sales");
        long requestId = requests.findByReference(reference).orElseThrow().id();

        Http.Response past = complete(sales, retained("2020-01-01"));
        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(past.json().path("message").asText()).contains("contact", "Kept until", "until", "2020-01-01", "in the past");

        String tooLate = LocalDate.now(STOCKHOLM).plusYears(101).toString();
        Http.Response ahead = complete(sales, retained(tooLate));
        assertThat(ahead.status()).as(ahead.body()).isEqualTo(400);
        assertThat(ahead.json().path("message").asText()).contains("contact", "Kept until", tooLate, "100 years");

        assertThat(tasks.createTaskQuery().taskId(sales.getId()).count()).isEqualTo(1);
        assertThat(results.findByRequest(requestId)).isEmpty();
        assertThat(tasks.getVariable(sales.getId(), "answer").toString()).doesNotContain("2020-01-01", tooLate);

        Http.Response fine = complete(sales, retained(LocalDate.now(STOCKHOLM).plusYears(7).toString()));
        assertThat(fine.status()).as(fine.body()).isEqualTo(204);
        assertThat(results.findByRequest(requestId)).singleElement()
                .satisfies(result -> assertThat(result.department()).isEqualTo("sales"));
    }

    /**
     * Art. 19: the form offers to tick only the parties that receive the categories this department works on in this
     * request — an erasure of communication never offers Google or the hosting partner (recipients of digital data).
     */
    @Test
    void aDepartmentIsOfferedOnlyThePartiesOfTheCategoriesItWorksOnInThisRequest() {
        DepartmentWork work = new DepartmentWork(tasks, management);
        String communication = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("communication"));
        assertThat((List<?>) tasks.getVariable(work.task(communication, "marketing").getId(), "partyOptions")).isEmpty();

        String digital = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en", List.of("communication", "digital"));
        assertThat(tasks.getVariable(work.task(digital, "marketing").getId(), "partyOptions").toString())
                .contains("value=google", "Google", "value=hosting-partner", "(Digital)");
        Jobs.executeDue(management); // the departments' emails go out now, not in another test
    }

    @Test
    void foundYesWithNothingDescribedIsRefusedNamingTheFieldSoTheRequesterIsNeverToldWeHoldNothing() {
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        Task sales = new DepartmentWork(tasks, management).task(reference, "sales");
        long requestId = requests.findByReference(reference).orElseThrow().id();

        Http.Response blank = complete(sales, "{\"found\": \"yes\", \"contact\": {\"data\": \"  \", \"source\": \"CRM\"}}");
        assertThat(blank.status()).as(blank.body()).isEqualTo(400);
        assertThat(blank.json().path("message").asText()).contains("found: yes", "data", "contact");
        assertThat(tasks.createTaskQuery().taskId(sales.getId()).count()).isEqualTo(1);
        assertThat(results.findByRequest(requestId)).isEmpty();

        Http.Response described = complete(sales, "{\"found\": \"yes\", \"contact\": {\"data\": \"Customer since 2019\", \"source\": \"CRM\"}}");
        assertThat(described.status()).as(described.body()).isEqualTo(204);
        assertThat(results.findByRequest(requestId)).singleElement()
                .satisfies(result -> assertThat(result.department()).isEqualTo("sales"));
    }

    private static String retained(String until) {
        return "{\"contact\": {\"action\": \"retained\", \"rule\": \"active-licence\", \"kept\": \"Licence contract\", "
                + "\"until\": \"" + until + "\"}, \"recipients\": \"none\"}";
    }

    private Http.Response complete(Task task, String answer) {
        String value = answer.replace("\\", "\\\\").replace("\"", "\\\"");
        return http.postJson("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"" + value + "\"}}}",
                "Authorization", TestUsers.auth("sales"));
    }

    private Http.Response submit(Task task, String group, String body) {
        return http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", body, "Authorization", TestUsers.auth(group));
    }

    private Task task(String reference, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
    }

    /** The task's due date as the list shows it: the day at the site. */
    private static LocalDate day(Task task) {
        return LocalDate.ofInstant(task.getDueDate().toInstant(), STOCKHOLM);
    }

    /** An erasure answer: nothing held in each category the department holds. */
    private static Map<String, Object> nothingHeld(List<?> categories) {
        Map<String, Object> answer = new LinkedHashMap<>();
        categories.forEach(category -> answer.put(String.valueOf(category), Map.of("action", "none")));
        answer.put("recipients", "none");
        return answer;
    }

    private static List<ActivityImpl> activities(List<ActivityImpl> activities) {
        List<ActivityImpl> all = new ArrayList<>();
        for (ActivityImpl activity : activities) {
            all.add(activity);
            all.addAll(activities(activity.getActivities()));
        }
        return all;
    }
}
