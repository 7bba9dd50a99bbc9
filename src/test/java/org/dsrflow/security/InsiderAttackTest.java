package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
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
 * An insider with an ordinary staff account tries, through the Camunda REST API as it ships, to
 * steer a request: redirect it to another person, skip its answer, bypass the process, read what
 * the role must not. Every attempt is refused with a 4xx that says why, and nothing changed:
 * process variables, open tasks, emails, department results, the engine's history.
 */
@SmtpIntegrationTest
class InsiderAttackTest extends WithGreenMail {

    static final String ACCESS_ANSWER = "{\"found\":\"yes\",\"contact\":{\"data\":\"customer record\",\"source\":\"CRM\"}}";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    RequestRepository requests;
    @Autowired
    DepartmentResultRepository results;

    Http http;
    /** The request under attack, and another person's request the attacker wants the data sent to. */
    String reference;
    String other;

    @BeforeEach
    void twoRequests() {
        http = new Http(port);
        TestUsers.ensure(identity);
        reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        other = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        Jobs.executeDue(management); // the departments are told of their tasks before any attack is tried
    }

    // 1. A department answers, it does not steer ------------------------------------------------

    @Test
    void departmentCannotRedirectTheRequestToAnotherRequester() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        Http.Response response = complete(task, "sales", Map.of("answer", json(ACCESS_ANSWER),
                "requestId", "{\"value\": " + requestId(other) + ", \"type\": \"Long\"}"));
        assertRefused(response, 403, "requestId");
        assertThat(snapshot(reference)).isEqualTo(before);
        assertThat(results.findByRequest(requestId(other))).isEmpty();
    }

    @Test
    void departmentCannotChangeItsDepartmentTypeOrTheReviewersComment() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        for (Map.Entry<String, String> foreign : Map.of(
                "department", "{\"value\": \"marketing\"}",
                "type", "{\"value\": \"ERASURE\"}",
                "returnComment", "{\"value\": \"The privacy team says: add everything\"}",
                "categories", "{\"value\": \"[\\\"health\\\"]\", \"type\": \"Json\"}").entrySet()) {
            Http.Response response = complete(task, "sales", Map.of("answer", json(ACCESS_ANSWER),
                    foreign.getKey(), foreign.getValue()));
            assertRefused(response, 403, foreign.getKey());
        }
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void departmentCannotSubmitForeignVariablesThroughTheTaskFormEither() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        Http.Response response = http.postJson("/engine-rest/task/" + task.getId() + "/submit-form",
                variables(Map.of("answer", json(ACCESS_ANSWER), "requestId",
                        "{\"value\": " + requestId(other) + ", \"type\": \"Long\"}")),
                "Authorization", TestUsers.auth("sales"));
        assertRefused(response, 403, "requestId");
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void departmentCannotDropOutWithABpmnErrorOrAnEscalation() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        assertRefused(http.postJson("/engine-rest/task/" + task.getId() + "/bpmnError", "{\"errorCode\": \"skip\"}",
                "Authorization", TestUsers.auth("sales")), 403, "error");
        assertRefused(http.postJson("/engine-rest/task/" + task.getId() + "/bpmnEscalation",
                "{\"escalationCode\": \"skip\"}", "Authorization", TestUsers.auth("sales")), 403, "escalation");
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void nobodyWritesCommentsBesideTheAnswer() {
        // Camunda checks no permission for comments: free text beside the answer that the review never sees.
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        String comment = "{\"message\": \"The privacy team says: report nothing\"}";
        assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/comment/create", comment,
                "Authorization", TestUsers.auth("sales")).status()).isBetween(400, 499);
        // Camunda's comment resource turns the guard's refusal into its own 400 ("Not enough parameters").
        assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/comment/create", comment,
                "Authorization", TestUsers.auth("privacy")).status()).isBetween(400, 499);
        assertThat(tasks.getTaskComments(task.getId())).isEmpty();
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void departmentCannotSetProcessVariablesThroughItsTask() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        Http.Response response = http.put("/engine-rest/task/" + task.getId() + "/variables/requestId",
                "{\"value\": " + requestId(other) + ", \"type\": \"Long\"}", "Authorization", TestUsers.auth("sales"));
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void departmentAnswerOfAnUnexpectedJavaTypeIsRefused() {
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        for (String type : List.of("java.io.File", "java.net.URL")) {
            Http.Response response = complete(task, "sales", Map.of("answer", """
                    {"type": "Object", "value": "\\"/etc/passwd\\"",
                     "valueInfo": {"objectTypeName": "%s", "serializationDataFormat": "application/json"}}""".formatted(type)));
            assertRefused(response, 400, type);
        }
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void departmentCannotClaimItsTaskForSomeoneElse() {
        // A claim for a manager would give the manager READ_VARIABLE on the task.
        Task task = departmentTask(reference, "sales");
        Snapshot before = snapshot(reference);
        assertRefused(http.postJson("/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\": \"" + TestUsers.of("managers") + "\"}", "Authorization", TestUsers.auth("sales")), 403, "claim");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(http.get("/engine-rest/task/" + task.getId() + "/variables", "Authorization", TestUsers.auth("managers"))
                .status()).isEqualTo(403);
        assertThat(snapshot(reference)).isEqualTo(before);
        assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\": \"" + TestUsers.of("sales") + "\"}", "Authorization", TestUsers.auth("sales")).status())
                .isEqualTo(204);
    }

    // 3. The privacy team works the process, it does not bypass it --------------------------------

    @Test
    void privacyTeamCannotFireDelayOrSwitchOffTimers() {
        org.camunda.bpm.engine.runtime.Job warning = management.createJobQuery().processInstanceId(instanceId(reference))
                .activityId(Elements.TIMER_DEADLINE_WARNING).singleResult();
        Snapshot before = snapshot(reference);
        assertRefused(http.put("/engine-rest/job/" + warning.getId() + "/retries",
                "{\"retries\": 1, \"dueDate\": \"2000-01-01T00:00:00.000+0000\"}", "Authorization", TestUsers.auth("privacy")),
                403, "due date");
        assertRefused(http.put("/engine-rest/job/" + warning.getId() + "/retries", "{\"retries\": 0}",
                "Authorization", TestUsers.auth("privacy")), 403, "switches");
        assertRefused(http.put("/engine-rest/job/" + warning.getId() + "/retries", "{\"retries\": 3}",
                "Authorization", TestUsers.auth("privacy")), 403, "failed");
        assertThat(management.createJobQuery().jobId(warning.getId()).singleResult().getDuedate()).isEqualTo(warning.getDuedate());
        Jobs.executeDue(management);
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void privacyTeamReturnsAnAnswerOnlyToADepartmentThatWorkedOnIt() {
        answerEveryDepartment(reference);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        Snapshot before = snapshot(reference);
        for (String group : List.of("managers", "training")) {
            assertRefused(complete(review, "privacy", Map.of("reviewDecision", "{\"value\": \"return\"}",
                    "returnTo", "{\"value\": \"" + group + "\"}", "returnComment", "{\"value\": \"Look again\"}")),
                    400, "departments that worked on it");
        }
        assertRefused(complete(review, "privacy", Map.of("reviewDecision", "{\"value\": \"skip\"}")), 400, "decision");
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void privacyTeamCannotStartTheRegistrationWithStartInstructions() {
        long stored = requests.count();
        assertRefused(http.postJson("/engine-rest/process-definition/key/register-request/start", """
                {"variables": {"type": {"value": "ACCESS"}, "name": {"value": "Per Post"}, "email": {"value": "per@example.com"},
                  "site": {"value": "SE"}, "language": {"value": "sv"}, "receivedOn": {"value": "2026-11-30"},
                  "channel": {"value": "POST"}, "requestId": {"value": 1, "type": "Long"}},
                 "startInstructions": [{"type": "startBeforeActivity", "activityId": "start_registration_form"}]}""",
                "Authorization", TestUsers.auth("privacy")), 403, "start instructions");
        assertThat(requests.count()).isEqualTo(stored);
    }

    @Test
    void privacyTeamCannotJumpToTheAnswerWhileDepartmentsWork() {
        Snapshot before = snapshot(reference);
        Http.Response response = http.postJson("/engine-rest/process-instance/" + instanceId(reference) + "/modification",
                "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"" + Elements.SEND_RESPONSE + "\"}]}",
                "Authorization", TestUsers.auth("privacy"));
        assertRefused(response, 403, "");
        Jobs.executeDue(management);
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void privacyTeamCannotSetProcessVariables() {
        Snapshot before = snapshot(reference);
        Http.Response response = http.put("/engine-rest/process-instance/" + instanceId(reference) + "/variables/requestId",
                "{\"value\": " + requestId(other) + ", \"type\": \"Long\"}", "Authorization", TestUsers.auth("privacy"));
        assertRefused(response, 403, "");
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void privacyTeamCannotCorrelateMessagesWithVariables() {
        Snapshot before = snapshot(reference);
        Http.Response response = http.postJson("/engine-rest/message", """
                {"messageName": "RequesterReplied", "businessKey": "%s",
                 "processVariables": {"requestId": {"value": %d, "type": "Long"}}}""".formatted(reference, requestId(other)),
                "Authorization", TestUsers.auth("privacy"));
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    @Test
    void nobodyStartsTheRequestProcessOutsideIntake() {
        long instancesBefore = runtime.createProcessInstanceQuery().count();
        String start = "{\"businessKey\": \"" + other + "\", \"variables\": {\"requestId\": {\"value\": " + requestId(other)
                + ", \"type\": \"Long\"}, \"type\": {\"value\": \"ACCESS\"}, \"site\": {\"value\": \"SE\"}}}";
        assertRefused(http.postJson("/engine-rest/process-definition/key/data-subject-request/start", start,
                "Authorization", TestUsers.auth("privacy")), 403, "");
        assertRefused(http.postJson("/engine-rest/process-definition/key/data-subject-request/start", start,
                "Authorization", Http.basic("admin", "it-admin-password-1")), 403, "intake");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
        assertThat(java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(message -> !Mails.toDepartment(message)))
                .hasSize(2);
    }

    @Test
    void privacyTeamRegistersRequestsWithTheFormsFieldsOnly() {
        long stored = requests.count();
        String fields = "\"type\": {\"value\": \"ACCESS\"}, \"name\": {\"value\": \"Per Post\"}, "
                + "\"email\": {\"value\": \"per@example.com\"}, \"site\": {\"value\": \"SE\"}, "
                + "\"language\": {\"value\": \"sv\"}, \"receivedOn\": {\"value\": \"2026-11-30\"}, "
                + "\"channel\": {\"value\": \"POST\"}";
        assertRefused(http.postJson("/engine-rest/process-definition/key/register-request/start",
                "{\"variables\": {" + fields + ", \"requestId\": {\"value\": " + requestId(other) + ", \"type\": \"Long\"}}}",
                "Authorization", TestUsers.auth("privacy")), 403, "requestId");
        assertRefused(http.postJson("/engine-rest/process-definition/key/register-request/submit-form",
                "{\"variables\": {" + fields + ", \"categories\": {\"type\": \"Object\", \"value\": \"\\\"http://x\\\"\", "
                        + "\"valueInfo\": {\"objectTypeName\": \"java.net.URL\", \"serializationDataFormat\": \"application/json\"}}}}",
                "Authorization", TestUsers.auth("privacy")), 400, "java.net.URL");
        assertThat(requests.count()).isEqualTo(stored);
    }

    @Test
    void privacyTeamCompletesItsReviewWithItsDecisionOnly() {
        answerEveryDepartment(reference);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        Snapshot before = snapshot(reference);
        Http.Response response = complete(review, "privacy", Map.of("reviewDecision", "{\"value\": \"approve\"}",
                "requestId", "{\"value\": " + requestId(other) + ", \"type\": \"Long\"}"));
        assertRefused(response, 403, "requestId");
        assertThat(snapshot(reference)).isEqualTo(before);
    }

    // 4. Managers read figures, instances and incidents, not findings or free texts ---------------

    @Test
    void managersCannotReadDepartmentAnswersOrReviewComments() {
        Task task = departmentTask(reference, "sales");
        Http.Response variables = http.get("/engine-rest/task/" + task.getId() + "/variables",
                "Authorization", TestUsers.auth("managers"));
        assertThat(variables.status()).as(variables.body()).isEqualTo(403);
        assertThat(http.get("/engine-rest/task/" + task.getId() + "/form-variables",
                "Authorization", TestUsers.auth("managers")).status()).isEqualTo(403);
        assertThat(http.get("/engine-rest/process-instance/" + instanceId(reference) + "/variables",
                "Authorization", TestUsers.auth("managers")).status()).isEqualTo(403);

        answerEveryDepartment(reference);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(Elements.PRIVACY_REVIEW).singleResult();
        assertThat(complete(review, "privacy", Map.of("reviewDecision", "{\"value\": \"return\"}",
                "returnTo", "{\"value\": \"sales\"}", "returnComment", "{\"value\": \"Add the CRM notes\"}")).status())
                .isEqualTo(204);
        assertThat(http.get("/engine-rest/history/variable-instance?variableName=returnComment",
                "Authorization", TestUsers.auth("managers")).json()).isEmpty();
        assertThat(http.get("/engine-rest/variable-instance?variableName=returnComment",
                "Authorization", TestUsers.auth("managers")).json()).isEmpty();
        assertThat(http.get("/engine-rest/history/detail?processInstanceId=" + instanceId(reference),
                "Authorization", TestUsers.auth("managers")).json()).isEmpty();
        // The privacy team, who owns the request, still reads it.
        assertThat(http.get("/engine-rest/history/variable-instance?variableName=returnComment",
                "Authorization", TestUsers.auth("privacy")).json()).hasSize(1);
        // Managers still follow the request itself.
        assertThat(http.get("/engine-rest/process-instance?businessKey=" + reference,
                "Authorization", TestUsers.auth("managers")).json()).hasSize(1);
    }

    @Test
    void managersCannotProbeVariablesThroughQueryFilters() {
        for (String path : List.of("/engine-rest/process-instance?variables=type_eq_ACCESS",
                "/engine-rest/task?processVariables=type_eq_ACCESS",
                "/engine-rest/history/process-instance?variables=type_eq_ACCESS",
                "/engine-rest/history/task?processVariables=type_eq_ACCESS",
                "/engine-rest/execution?processVariables=type_eq_ACCESS")) {
            assertRefused(http.get(path, "Authorization", TestUsers.auth("managers")), 403, "variables");
        }
        String filter = http.get("/engine-rest/filter", "Authorization", TestUsers.auth("managers")).json().get(0).get("id").asText();
        assertRefused(http.postJson("/engine-rest/filter/" + filter + "/list", """
                {"candidateGroup": "sales", "processVariables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}""",
                "Authorization", TestUsers.auth("managers")), 403, "variables");
        assertThat(http.get("/engine-rest/history/decision-instance?includeInputs=true&processInstanceId=" + instanceId(reference),
                "Authorization", TestUsers.auth("managers")).json()).isEmpty();
        // The privacy team, who may read variables, may filter by them.
        assertThat(http.get("/engine-rest/process-instance?variables=type_eq_ACCESS",
                "Authorization", TestUsers.auth("privacy")).json()).isNotEmpty();
    }

    @Test
    void managersCannotProbeVariablesThroughOrQueriesOnInstancesOrHistory() {
        answerEveryDepartment(reference);
        String instances = """
                {"orQueries": [{"variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}]}""";
        String tasks = """
                {"orQueries": [{"processVariables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]},
                               {"taskVariables": [{"name": "answer", "operator": "eq", "value": "x"}]}]}""";
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("/engine-rest/process-instance", instances);
        attacks.put("/engine-rest/process-instance/count", instances);
        attacks.put("/engine-rest/history/process-instance", instances);
        attacks.put("/engine-rest/history/process-instance/count", instances);
        attacks.put("/engine-rest/history/task", tasks);
        attacks.put("/engine-rest/history/task/count", tasks);
        attacks.put("/engine-rest/task", tasks);
        attacks.put("/engine-rest/task/count", tasks);
        attacks.forEach((path, query) ->
                assertRefused(http.postJson(path, query, "Authorization", TestUsers.auth("managers")), 403, "variables"));
        // The privacy team, who may read variables, may filter by them in an OR branch too.
        long access = history.createHistoricProcessInstanceQuery().variableValueEquals("type", "ACCESS").count();
        assertThat(http.postJson("/engine-rest/history/process-instance/count", instances,
                "Authorization", TestUsers.auth("privacy")).json().get("count").asLong()).isEqualTo(access).isPositive();
        // Without variable conditions managers follow the requests as before.
        assertThat(http.postJson("/engine-rest/history/process-instance/count", "{\"orQueries\": [{\"finished\": false}]}",
                "Authorization", TestUsers.auth("managers")).json().get("count").asLong())
                .isEqualTo(history.createHistoricProcessInstanceQuery().unfinished().count());
    }

    @Test
    void managersCannotSearchVariablesInCockpitsInstanceTable() {
        String definition = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getProcessDefinitionId();
        String search = """
                {"processDefinitionId": "%s", "variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}"""
                .formatted(definition);
        String plugin = "/camunda/api/cockpit/plugin/base/default";
        Http manager = org.dsrflow.testsupport.WebappSessions.logIn(port, "managers", "cockpit");
        String[] csrf = org.dsrflow.testsupport.WebappSessions.csrf(manager);
        for (Http.Response attempt : List.of(
                manager.postJson(plugin + "/process-instance?firstResult=0&maxResults=50", search, csrf),
                manager.postJson(plugin + "/process-instance/count", search, csrf),
                manager.get(plugin + "/process-instance?processDefinitionId=" + definition + "&variables=type_eq_ACCESS"),
                manager.get(plugin + "/process-instance/count?variables=type_like_A%25"),
                manager.get(plugin + "/process-definition/" + definition + "/called-process-definitions?variables=type_eq_ACCESS"),
                manager.get(plugin + "/process-instance/" + instanceId(reference)
                        + "/called-process-instances?variables=type_eq_ACCESS"))) {
            assertThat(attempt.status()).as(attempt.body()).isEqualTo(403);
            assertThat(attempt.body()).contains("variables");
        }
        // Cockpit's instance table itself still works for managers, and the privacy team may search by variables.
        long running = runtime.createProcessInstanceQuery().processDefinitionId(definition).count();
        Http.Response table = manager.postJson(plugin + "/process-instance/count",
                "{\"processDefinitionId\": \"" + definition + "\"}", csrf);
        assertThat(table.json().path("count").asLong(-1)).as(table.body()).isEqualTo(running);
        Http privacy = org.dsrflow.testsupport.WebappSessions.logIn(port, "privacy", "cockpit");
        assertThat(privacy.postJson(plugin + "/process-instance/count", search,
                org.dsrflow.testsupport.WebappSessions.csrf(privacy)).json().get("count").asLong())
                .isEqualTo(runtime.createProcessInstanceQuery().processDefinitionId(definition)
                        .variableValueEquals("type", "ACCESS").count());
    }

    // 5. Nothing changes from another site, even with the browser's remembered credentials -------

    @Test
    void aCrossSitePostToAStaffEndpointIsRefusedAndChangesNothing() {
        // The privacy team's browser remembers its HTTP basic credentials (it opened the register CSV); a page
        // elsewhere makes it post. Browsers mark such requests (Origin, Sec-Fetch-Site).
        long stored = requests.count();
        Snapshot before = snapshot(reference);
        String registration = """
                {"type": "ERASURE", "name": "Per Post", "email": "per@example.com", "site": "SE", "language": "sv",
                 "receivedOn": "%s", "channel": "POST", "identityCheck": "CALL_BACK"}""".formatted(java.time.LocalDate.now());
        String[][] crossSite = {{"Origin", "https://attacker.example"}, {"Sec-Fetch-Site", "cross-site"},
                {"Origin", "null"}};
        for (String[] marker : crossSite) {
            String[] headers = {"Authorization", TestUsers.auth("privacy"), marker[0], marker[1]};
            for (Http.Response refused : List.of(http.postJson("/api/staff/requests", registration, headers),
                    http.postForm("/api/staff/requests/" + reference + "/requester-reply", Map.of(), headers),
                    http.postJson("/engine-rest/process-definition/key/register-request/submit-form",
                            "{\"variables\": {}}", headers))) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(403);
                assertThat(refused.body()).contains("another site");
            }
        }
        // A form post without any browser marker (an old browser): the staff API takes JSON only.
        Http.Response form = http.postForm("/api/staff/requests/" + reference + "/requester-reply", Map.of(),
                "Authorization", TestUsers.auth("privacy"));
        assertThat(form.status()).as(form.body()).isEqualTo(415);
        assertThat(requests.count()).isEqualTo(stored);
        assertThat(snapshot(reference)).isEqualTo(before);
        // From the application's own pages, and from tools that are no browser, it works as before.
        String own = "http://localhost:" + port;
        assertThat(http.postJson("/api/staff/requests", registration, "Authorization", TestUsers.auth("privacy"),
                "Origin", own, "Sec-Fetch-Site", "same-origin").status()).isEqualTo(201);
        assertThat(http.postJson("/api/staff/requests/" + reference + "/requester-reply", "{}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(409);
    }

    @Test
    void noOneStoresAnObjectVariableOfATypeOutsideTheAllowList() {
        // Not even the administrator, who may set variables: such a value could only ever fail to be read.
        String file = """
                {"type": "Object", "value": "\\"/etc/passwd\\"",
                 "valueInfo": {"objectTypeName": "java.io.File", "serializationDataFormat": "application/json"}}""";
        String admin = Http.basic("admin", "it-admin-password-1");
        String instance = instanceId(reference);
        Task task = departmentTask(reference, "sales");
        for (Http.Response refused : List.of(
                http.put("/engine-rest/process-instance/" + instance + "/variables/evidence", file, "Authorization", admin),
                http.postJson("/engine-rest/process-instance/" + instance + "/variables",
                        "{\"modifications\": {\"evidence\": " + file + "}}", "Authorization", admin),
                http.put("/engine-rest/task/" + task.getId() + "/localVariables/evidence", file, "Authorization", admin))) {
            assertRefused(refused, 403, "java.io.File");
        }
        assertThat(runtime.createVariableInstanceQuery().variableName("evidence").count()).isZero();
        // Values of allowed types are stored as before.
        assertThat(http.put("/engine-rest/process-instance/" + instance + "/variables/note",
                "{\"type\": \"Object\", \"value\": \"[\\\"a\\\"]\", \"valueInfo\": {\"objectTypeName\": "
                        + "\"java.util.ArrayList<java.lang.String>\", \"serializationDataFormat\": \"application/json\"}}",
                "Authorization", admin).status()).isEqualTo(204);
    }

    // 6. Log-in abuse: slowed per account and source, never locked for good ------------------------

    @Test
    void aBasicHeaderOnlyTheEngineCouldDecodeIsRefused() {
        String canonical = java.util.Base64.getEncoder().encodeToString(
                (TestUsers.of("support") + ":" + TestUsers.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String lenient = canonical.substring(0, 4) + "." + canonical.substring(4);
        assertThat(http.get("/engine-rest/task", "Authorization", "Basic " + lenient).status()).isEqualTo(401);
        assertThat(http.get("/engine-rest/task", "Authorization", "Basic " + canonical).status()).isEqualTo(200);
    }

    @Test
    void aStrangersWrongPasswordsNeverRefuseTheOwnersRightOne() {
        Http stranger = new Http("[::1]", port);
        // Accounts no other test of this class fails to log into (the throttle's records live as long as the application).
        for (String user : List.of(TestUsers.of("marketing"), TestUsers.of("webdigital"))) {
            String password = TestUsers.PASSWORD;
            for (int attempt = 0; attempt < 6; attempt++) {
                assertThat(stranger.get("/engine-rest/task", "Authorization", Http.basic(user, "wrong-" + attempt)).status())
                        .isIn(401, 429);
            }
            // At once, from the owner's own address: the stranger's failures do not count against the owner.
            assertThat(http.get("/engine-rest/task", "Authorization", Http.basic(user, password)).status())
                    .as(user + " from the owner's address").isEqualTo(200);
        }
        // The same holds for the webapps' log-in form.
        for (int attempt = 0; attempt < 6; attempt++) {
            Http strangerBrowser = new Http("[::1]", port);
            strangerBrowser.get("/camunda/app/tasklist/default/");
            strangerBrowser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                    Map.of("username", TestUsers.of("finance"), "password", "wrong-" + attempt),
                    "X-XSRF-TOKEN", strangerBrowser.cookie("XSRF-TOKEN"));
        }
        org.dsrflow.testsupport.WebappSessions.logIn(port, "finance", "tasklist");
    }

    @Test
    void wrongPasswordsSlowTheirSourceDownButNeverLockTheAccount() {
        for (String user : List.of(TestUsers.of("training"), "admin")) {
            String password = user.equals("admin") ? "it-admin-password-1" : TestUsers.PASSWORD;
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int attempt = 0; attempt < 12; attempt++) {
                statuses.add(http.get("/engine-rest/task", "Authorization", Http.basic(user, "wrong-" + attempt)).status());
            }
            assertThat(statuses).as(user).startsWith(401).contains(429).containsOnly(401, 429);
            Http.Response slowed = http.get("/engine-rest/task", "Authorization", Http.basic(user, password));
            assertThat(slowed.status()).as(user + ": this source waits").isEqualTo(429);
            assertThat(slowed.header("Retry-After")).isNotBlank();
            // The owner logs in from another address at once ...
            Http elsewhere = new Http("[::1]", port);
            assertThat(elsewhere.get("/engine-rest/task", "Authorization", Http.basic(user, password)).status())
                    .as(user + " from another source").isEqualTo(200);
            try {
                // ... and from the same address once its wait has passed: the account was never locked.
                org.camunda.bpm.engine.impl.util.ClockUtil.offset((Long.parseLong(slowed.header("Retry-After")) + 1) * 1000L);
                assertThat(http.get("/engine-rest/task", "Authorization", Http.basic(user, password)).status())
                        .as(user + " after the wait").isEqualTo(200);
            } finally {
                org.camunda.bpm.engine.impl.util.ClockUtil.reset();
            }
        }
    }

    @Test
    void wrongPasswordsOnTheWebappLoginAreSlowedToo() {
        Http browser = new Http(port);
        browser.get("/camunda/app/tasklist/default/");
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 12; attempt++) {
            statuses.add(browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                    Map.of("username", TestUsers.of("events"), "password", "wrong-" + attempt),
                    "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).status());
        }
        assertThat(statuses).startsWith(401).contains(429).containsOnly(401, 429);
    }

    // Client errors are 4xx, never 500 ---------------------------------------------------------

    @Test
    void oddPathsAndTheErrorPageAreClientErrors() {
        for (String path : List.of("//engine-rest/user", "/engine-rest;/user", "/engine-rest/user;jsessionid=x",
                "//api/staff/sla", "/error", "/engine-rest//task")) {
            Http.Response response = http.get(path, "Authorization", TestUsers.auth("privacy"));
            assertThat(response.status()).as(path + ": " + response.body()).isBetween(400, 499);
        }
    }

    // helpers -----------------------------------------------------------------------------------

    private void answerEveryDepartment(String ref) {
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(ref)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).list()) {
            String group = tasks.getIdentityLinksForTask(task.getId()).get(0).getGroupId();
            Http.Response done = complete(task, group, Map.of("answer", json(ACCESS_ANSWER)));
            assertThat(done.status()).as(done.body()).isEqualTo(204);
        }
        Jobs.executeDue(management);
    }

    private Http.Response complete(Task task, String group, Map<String, String> variables) {
        return http.postJson("/engine-rest/task/" + task.getId() + "/complete", variables(variables),
                "Authorization", TestUsers.auth(group));
    }

    private static String variables(Map<String, String> variables) {
        StringBuilder body = new StringBuilder("{\"variables\": {");
        variables.forEach((name, value) -> body.append('"').append(name).append("\": ").append(value).append(','));
        body.setLength(body.length() - 1);
        return body.append("}}").toString();
    }

    private static String json(String value) {
        return "{\"type\": \"Json\", \"value\": \"" + value.replace("\"", "\\\"") + "\"}";
    }

    static void assertRefused(Http.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("message").asText()).as(response.body()).containsIgnoringCase(mentioned);
    }

    private Task departmentTask(String ref, String group) {
        return tasks.createTaskQuery().processInstanceBusinessKey(ref).taskCandidateGroup(group)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).singleResult();
    }

    private long requestId(String ref) {
        return requests.findByReference(ref).orElseThrow().id();
    }

    private String instanceId(String ref) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref).singleResult().getId();
    }

    private Snapshot snapshot(String ref) {
        String instance = instanceId(ref);
        Map<String, String> variables = new TreeMap<>();
        runtime.getVariables(instance).forEach((name, value) -> variables.put(name, String.valueOf(value)));
        List<String> open = tasks.createTaskQuery().processInstanceId(instance).orderByTaskId().asc().list().stream()
                .map(task -> task.getId() + ":" + task.getTaskDefinitionKey()).toList();
        return new Snapshot(variables, open, greenMail.getReceivedMessages().length,
                results.findByRequest(requestId(ref)).size(),
                history.createHistoricDetailQuery().processInstanceId(instance).count(),
                history.createHistoricVariableInstanceQuery().processInstanceId(instance).count(),
                management.createJobQuery().processInstanceId(instance).count());
    }

    record Snapshot(Map<String, String> variables, List<String> openTasks, int emails, int departmentResults,
                    long historicDetails, long historicVariables, long jobs) {
    }
}
