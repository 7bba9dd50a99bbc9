package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.dsrflow.testsupport.WebappSessions;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may see and do what, through the Camunda REST API and webapp as they ship, with authorization on. */
@SmtpIntegrationTest
class AuthorizationTest extends WithGreenMail {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;

    Http http;
    String reference;

    @BeforeEach
    void requestWithEveryDepartment() {
        http = new Http(port);
        TestUsers.ensure(identity);
        reference = Requests.confirmed(intake, management, process, "ERASURE", "SE", "en",
                List.of("contact", "identification", "communication", "digital"));
    }

    @Test
    void anonymousRestCallsGet401() {
        for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/history/process-instance",
                "/engine-rest/user", "/engine-rest/deployment")) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
        }
        assertThat(http.postJson("/engine-rest/message", "{\"messageName\": \"EmailConfirmed\"}").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordGets401() {
        // Not a user the other tests log in with: Camunda delays logins after a failed attempt.
        assertThat(http.get("/engine-rest/task", "Authorization", Http.basic(TestUsers.of("training"), "wrong")).status())
                .isEqualTo(401);
    }

    @Test
    void departmentUserSeesOnlyOwnDepartmentsTasks() {
        Set<String> salesTaskIds = idsOf(tasks.createTaskQuery().taskCandidateGroup("sales").list());
        JsonNode visible = http.get("/engine-rest/task", "Authorization", TestUsers.auth("sales")).json();
        assertThat(ids(visible)).isNotEmpty().isEqualTo(salesTaskIds);
    }

    @Test
    void salesUserCannotSeeOrCompleteAMarketingTask() {
        Task marketingTask = departmentTask("marketing");
        assertThat(http.get("/engine-rest/task/" + marketingTask.getId(), "Authorization", TestUsers.auth("sales")).status())
                .isIn(403, 404);
        Http.Response complete = http.postJson("/engine-rest/task/" + marketingTask.getId() + "/complete", "{}",
                "Authorization", TestUsers.auth("sales"));
        assertThat(complete.status()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(marketingTask.getId()).count()).isEqualTo(1);
    }

    @Test
    void managerReadsInstancesAndHistoryButCannotCompleteADepartmentTask() {
        JsonNode instances = http.get("/engine-rest/process-instance?businessKey=" + reference,
                "Authorization", TestUsers.auth("managers")).json();
        assertThat(instances).hasSize(1);
        assertThat(http.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + reference,
                "Authorization", TestUsers.auth("managers")).json()).hasSize(1);
        Task salesTask = departmentTask("sales");
        assertThat(http.postJson("/engine-rest/task/" + salesTask.getId() + "/complete", "{}",
                "Authorization", TestUsers.auth("managers")).status()).isEqualTo(403);
        assertThat(http.postJson("/engine-rest/task/" + salesTask.getId() + "/complete", "{}",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(salesTask.getId()).count()).isEqualTo(1);
    }

    @Test
    void departmentUserCannotReadProcessInstances() {
        assertThat(http.get("/engine-rest/process-instance?businessKey=" + reference,
                "Authorization", TestUsers.auth("sales")).json()).isEmpty();
    }

    @Test
    void eachGroupHasItsOwnTasklistFilter() {
        JsonNode filters = http.get("/engine-rest/filter", "Authorization", TestUsers.auth("sales")).json();
        assertThat(filters).extracting(f -> f.get("name").asText()).containsExactly("Sales tasks");
        String filterId = filters.get(0).get("id").asText();
        JsonNode listed = http.get("/engine-rest/filter/" + filterId + "/list", "Authorization", TestUsers.auth("sales")).json();
        assertThat(ids(listed)).isEqualTo(idsOf(tasks.createTaskQuery().taskCandidateGroup("sales").list()));
        assertThat(http.get("/engine-rest/filter", "Authorization", TestUsers.auth("marketing")).json())
                .extracting(f -> f.get("name").asText()).containsExactly("Marketing tasks");
    }

    @Test
    void adminCanLogIntoCockpit() {
        assertThat(http.get("/camunda/app/cockpit/default/").status()).isEqualTo(200);
        Http.Response login = http.postForm("/camunda/api/admin/auth/user/default/login/cockpit",
                Map.of("username", "admin", "password", "it-admin-password-1"),
                "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN"));
        assertThat(login.status()).isEqualTo(200);
        JsonNode user = http.get("/camunda/api/admin/auth/user/default").json();
        assertThat(user.get("userId").asText()).isEqualTo("admin");
        assertThat(user.get("authorizedApps").toString()).contains("cockpit");
        assertThat(http.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN")).status()).isEqualTo(200);
    }

    @Test
    void departmentUserCannotLogIntoCockpitButIntoTasklist() {
        http.get("/camunda/app/cockpit/default/");
        assertThat(http.postForm("/camunda/api/admin/auth/user/default/login/cockpit",
                Map.of("username", TestUsers.of("sales"), "password", TestUsers.PASSWORD),
                "X-XSRF-TOKEN", http.cookie("XSRF-TOKEN")).status()).isEqualTo(403);
        Http tasklist = new Http(port);
        tasklist.get("/camunda/app/tasklist/default/");
        Http.Response login = tasklist.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", TestUsers.of("sales"), "password", TestUsers.PASSWORD),
                "X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }

    /** A log-in through the webapps' own form is quiet: no warning in the log (the log-in throttle reads the form without using it up). */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void loggingIntoTheWebappsLogsNoWarning(CapturedOutput output) {
        int before = output.getOut().length();
        WebappSessions.logIn(port, "sales", "tasklist");
        WebappSessions.logIn(port, "privacy", "cockpit");
        String logged = output.getOut().substring(before);
        assertThat(logged).as("log lines of the log-ins").doesNotContain(" WARN ").doesNotContain("form parameters");
    }

    @Test
    void withoutSingleSignOnTheWebappsKeepTheirOwnLogInAndLogOut() {
        Http.Response script = http.get("/camunda/api/tasklist/plugin/dsr-sso/static/app/plugin.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("no single sign-on").doesNotContain("logout");
        assertThat(http.get("/oauth2/authorization/dsr").status()).as("no sign-in through a provider").isEqualTo(404);
    }

    private Task departmentTask(String group) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(group).singleResult();
    }

    private static Set<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asText()).collect(Collectors.toSet());
    }

    private static Set<String> idsOf(List<Task> list) {
        return list.stream().map(Task::getId).collect(Collectors.toSet());
    }
}
