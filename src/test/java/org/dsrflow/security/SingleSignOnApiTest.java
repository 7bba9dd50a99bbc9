package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on on the REST API and the staff API: bearer tokens of a real OpenID provider (Spring
 * Authorization Server, {@link TestIdentityProvider}), with the user's groups in a claim that
 * dsr.sso.groups maps to dsr-flow groups. The engine authenticates the token's user with its mapped
 * groups, so Camunda's authorizations and the task work guard decide as for a local user.
 */
@SmtpIntegrationTest
class SingleSignOnApiTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    static TestIdentityProvider provider;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        provider = TestIdentityProvider.start();
        provider.applicationSettings().forEach((name, value) -> registry.add(name, () -> value));
        // Provider group names as a Keycloak group path and as a display name: bracketed keys keep them whole.
        registry.add("dsr.sso.groups.[/dsr/privacy]", () -> "privacy");
        registry.add("dsr.sso.groups.[DSR Sales]", () -> "sales");
        provider.addUser("pia", "/dsr/privacy", "Everyone");
        provider.addUser("sam", "DSR Sales", "Everyone");
        provider.addUser("oscar", "Everyone", "DSR Marketing");
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
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
    String reference;

    @BeforeEach
    void aRequestAtTheDepartments() {
        http = new Http("127.0.0.1", port);
        provider.allowApplicationAt("http://127.0.0.1:" + port);
        reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
    }

    @Test
    void withoutAValidBearerTokenTheRestAndStaffApisAnswer401() {
        String foreign = provider.accessToken("sam", TestIdentityProvider.OTHER_CLIENT_ID);
        for (String path : List.of("/engine-rest/task", "/api/staff/requests/" + reference, "/engine-rest/engine")) {
            assertThat(http.get(path).status()).as(path + " without a token").isEqualTo(401);
            assertThat(http.get(path, "Authorization", Http.basic("admin", "it-admin-password-1")).status())
                    .as(path + " with a local account's password").isEqualTo(401);
            assertThat(http.get(path, "Authorization", "Bearer not-a-token").status()).as(path + " with garbage").isEqualTo(401);
            assertThat(http.get(path, "Authorization", "Bearer " + foreign).status())
                    .as(path + " with a token the provider issued for another application").isEqualTo(401);
        }
    }

    @Test
    void aTokenWithoutAMappedGroupIsRefusedByTheRestAndStaffApis() {
        String outsider = bearer("oscar");
        Task sales = departmentTask("sales");
        assertThat(http.get("/engine-rest/task/" + sales.getId(), "Authorization", outsider).status()).isIn(403, 404);
        assertThat(http.postJson("/engine-rest/task/" + sales.getId() + "/complete", "{}", "Authorization", outsider).status())
                .isEqualTo(403);
        assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization", outsider).json())
                .as("no task of the request is visible").isEmpty();
        assertThat(http.get("/api/staff/requests/" + reference, "Authorization", outsider).status()).isEqualTo(403);
        assertThat(http.get("/api/staff/sla", "Authorization", outsider).status()).isEqualTo(403);
    }

    @Test
    void aDepartmentTokenWorksOnlyItsOwnTaskAsItsUserUnderTheTaskWorkGuard() {
        String sam = bearer("sam");
        Task sales = departmentTask("sales");
        Task marketing = departmentTask("marketing");
        assertThat(http.get("/engine-rest/task/" + sales.getId(), "Authorization", sam).status()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task/" + marketing.getId(), "Authorization", sam).status()).isIn(403, 404);
        assertThat(http.postJson("/engine-rest/task/" + marketing.getId() + "/complete", "{}", "Authorization", sam).status())
                .isEqualTo(403);
        assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization", sam).json())
                .extracting(task -> task.get("id").asText()).containsExactly(sales.getId());
        assertThat(http.get("/api/staff/requests/" + reference, "Authorization", sam).status())
                .as("the staff API is for the privacy team and managers").isEqualTo(403);

        String answer = "{\"type\": \"Json\", \"value\": \"{\\\"found\\\":\\\"no\\\"}\"}";
        Http.Response foreign = http.postJson("/engine-rest/task/" + sales.getId() + "/complete",
                "{\"variables\": {\"answer\": " + answer + ", \"department\": {\"value\": \"finance\"}}}", "Authorization", sam);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains("department");

        Http.Response done = http.postJson("/engine-rest/task/" + sales.getId() + "/complete",
                "{\"variables\": {\"answer\": " + answer + "}}", "Authorization", sam);
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(requestId)).singleElement()
                .satisfies(result -> assertThat(result.completedBy()).isEqualTo("sam"));
    }

    @Test
    void thePrivacyTeamsTokenOpensTheStaffApiAndTheRestApi() {
        String pia = bearer("pia");
        Http.Response request = http.get("/api/staff/requests/" + reference, "Authorization", pia);
        assertThat(request.status()).as(request.body()).isEqualTo(200);
        assertThat(request.json().get("reference").asText()).isEqualTo(reference);
        JsonNode instances = http.get("/engine-rest/process-instance?businessKey=" + reference, "Authorization", pia).json();
        assertThat(instances).hasSize(1);
    }

    @Test
    void aUserRemovedFromTheGroupAtTheProviderLosesAccessWithTheNextToken() {
        String before = bearer("pia");
        assertThat(http.get("/api/staff/requests/" + reference, "Authorization", before).status()).isEqualTo(200);

        provider.setGroups("pia", "Everyone");
        String after = bearer("pia");
        assertThat(http.get("/api/staff/requests/" + reference, "Authorization", after).status()).isEqualTo(403);
        assertThat(http.get("/engine-rest/process-instance?businessKey=" + reference, "Authorization", after).json()).isEmpty();
        // A token issued before the change keeps its groups until it expires: keep access tokens short-lived.
        assertThat(http.get("/api/staff/requests/" + reference, "Authorization", before).status()).isEqualTo(200);
        provider.setGroups("pia", "/dsr/privacy", "Everyone");
    }

    @Test
    void theWebappsAndStaffPagesSendAVisitorToSignInAndABackgroundRequestGets401() {
        Http.Response tasklist = http.get("/camunda/app/tasklist/default/");
        assertThat(tasklist.status()).isEqualTo(302);
        assertThat(tasklist.header("Location")).endsWith("/oauth2/authorization/" + TestIdentityProvider.REGISTRATION);
        Http.Response page = http.get("/staff/requests/" + reference + "/answer");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/oauth2/authorization/" + TestIdentityProvider.REGISTRATION);
        assertThat(http.get("/camunda/api/engine/engine/default/task", "Accept", "application/json").status()).isEqualTo(401);
        assertThat(http.get("/camunda/api/tasklist/plugin/dsr-sso/static/app/plugin.js").body())
                .contains("dsr-flow, single sign-on", "'/logout'");
        assertThat(http.get("/camunda/app/tasklist/default/", "Authorization", Http.basic("admin", "it-admin-password-1")).status())
                .as("no password log-in beside single sign-on").isEqualTo(302);
    }

    @Test
    void theRequesterPagesKeepTheirCsrfProtectionAndOddPathsStay400() {
        Http.Response forged = http.postForm("/request", Map.of("type", "ACCESS", "name", "Eve", "email", "eve@example.com",
                "site", "SE", "language", "en"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(http.get("/").status()).isEqualTo(200);
        assertThat(http.get("//engine-rest/task", "Authorization", bearer("pia")).status()).isEqualTo(400);
    }

    private String bearer(String user) {
        return "Bearer " + provider.accessToken(user);
    }

    private Task departmentTask(String group) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(group)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).singleResult();
    }
}
