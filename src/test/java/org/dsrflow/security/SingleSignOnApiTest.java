package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.TestIdentityProvider;
import org.dsrflow.testsupport.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Single sign-on on the REST API and the staff API: bearer tokens of a real OpenID provider (Spring
 * Authorization Server, {@link TestIdentityProvider}), with the user's groups in a claim that
 * dsr.sso.groups maps to dsr-flow groups. The engine authenticates the token's user with its mapped
 * groups, so Camunda's authorizations and the task work guard decide as for a local user.
 */
class SingleSignOnApiTest extends SingleSignOnIntegrationTest {

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
    @Autowired
    IdentityService identity;

    Http http;
    String app;
    String reference;

    @BeforeEach
    void aRequestAtTheDepartments() {
        http = new Http("127.0.0.1", port);
        app = "http://127.0.0.1:" + port;
        provider.allowApplicationAt(app);
        reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
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
                .satisfies(result -> assertThat(result.completedBy()).as("her provider identity, from sub").isEqualTo("sso-sam"));
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

    @Test
    void providerIdentityNamedAdminGetsNoneOfTheLocalAdminsRights() {
        // The local administrator owns every group's Tasklist filter (a grant to the user "admin") and has a task.
        Task marketing = departmentTask("marketing");
        tasks.setAssignee(marketing.getId(), "admin");

        WebSession admin = WebSession.signIn(app, "admin");
        assertThat(names(admin.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json()))
                .as("Tasklist's filters: its group's only").containsExactly("Sales tasks");
        assertThat(admin.get("/camunda/api/engine/engine/default/task/" + marketing.getId()).status()).isIn(403, 404);
        assertThat(admin.get("/camunda/api/engine/engine/default/task?assignee=admin").json()).isEmpty();
        assertThat(admin.get("/camunda/api/engine/engine/default/user/admin/profile").status()).isIn(403, 404);
        assertThat(admin.get("/camunda/api/admin/auth/user/default").json().get("userId").asText())
                .as("a provider identity is never a local user id").doesNotMatch("[a-zA-Z0-9]+");

        String bearer = bearer("admin");
        assertThat(names(http.get("/engine-rest/filter?resourceType=Task", "Authorization", bearer).json())).containsExactly("Sales tasks");
        assertThat(http.get("/engine-rest/task/" + marketing.getId(), "Authorization", bearer).status()).isIn(403, 404);
        assertThat(http.get("/engine-rest/user/admin/profile", "Authorization", bearer).status()).isIn(403, 404);
    }

    @Test
    void providerIdentityNamedLikeALocalDepartmentUserGetsNoneOfItsTasks() {
        // A local account "sales" (as the demo users are named) has claimed its department's task.
        if (identity.createUserQuery().userId("sales").count() == 0) {
            User local = identity.newUser("sales");
            local.setPassword("local-password-1");
            identity.saveUser(local);
            identity.createMembership("sales", "sales");
        }
        Task sales = departmentTask("sales");
        tasks.claim(sales.getId(), "sales");

        String impostor = bearer("sales");
        assertThat(http.get("/engine-rest/task/" + sales.getId(), "Authorization", impostor).status()).isIn(403, 404);
        assertThat(http.get("/engine-rest/task/" + sales.getId() + "/variables", "Authorization", impostor).status()).isIn(403, 404);
        assertThat(http.get("/engine-rest/task?assignee=sales", "Authorization", impostor).json()).isEmpty();
        assertThat(http.postJson("/engine-rest/task/" + sales.getId() + "/complete",
                "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\":\\\"no\\\"}\"}}}",
                "Authorization", impostor).status()).isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(sales.getId()).count()).as("the task is still open").isEqualTo(1);
    }

    @Test
    void providerIdentityClaimsAndWorksItsTaskUnderItsOwnIdInTasklistAndTheRestApi() {
        Task sales = departmentTask("sales");
        WebSession sam = WebSession.signIn(app, "sam");
        String id = sam.get("/camunda/api/admin/auth/user/default").json().get("userId").asText();
        assertThat(id).isEqualTo("sso-sam");

        // Tasklist claims for the signed-in user and shows the assignee's name from the provider's name claims.
        Http.Response claim = sam.postJson("/camunda/api/engine/engine/default/task/" + sales.getId() + "/claim",
                "{\"userId\": \"" + id + "\"}");
        assertThat(claim.status()).as(claim.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(sales.getId()).singleResult().getAssignee()).isEqualTo(id);
        JsonNode profile = sam.get("/camunda/api/engine/engine/default/user/" + id + "/profile").json();
        assertThat(profile.get("firstName").asText() + " " + profile.get("lastName").asText()).isEqualTo("Sam Tester");

        String bearer = bearer("sam");
        assertThat(http.get("/engine-rest/user/" + id + "/profile", "Authorization", bearer).status()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task?assignee=" + id, "Authorization", bearer).json())
                .extracting(task -> task.get("id").asText()).containsExactly(sales.getId());
        Http.Response done = http.postJson("/engine-rest/task/" + sales.getId() + "/complete",
                "{\"variables\": {\"answer\": {\"type\": \"Json\", \"value\": \"{\\\"found\\\":\\\"no\\\"}\"}}}",
                "Authorization", bearer);
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        long requestId = requests.findByReference(reference).orElseThrow().id();
        assertThat(results.findByRequest(requestId)).singleElement()
                .satisfies(result -> assertThat(result.completedBy()).isEqualTo(id));
    }

    @Test
    void anIdTokenIsRefusedAsABearerTokenByTheRestStaffAndMetricsApis() {
        String accessToken = provider.accessToken("pia");
        // As Spring Security's sign-in gets it (with a nonce), and without a nonce.
        List<String> idTokens = List.of(provider.idToken("pia", "n-0S6_WzA2Mj"), provider.idToken("pia", null));
        for (String path : List.of("/engine-rest/process-instance?businessKey=" + reference, "/api/staff/requests/" + reference,
                "/actuator/prometheus")) {
            assertThat(http.get(path, "Authorization", "Bearer " + accessToken).status()).as(path + " with the access token")
                    .isEqualTo(200);
            for (String idToken : idTokens) {
                assertThat(http.get(path, "Authorization", "Bearer " + idToken).status()).as(path + " with an ID token")
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void anAccessTokenTypedAtJwtInItsHeaderIsAccepted() {
        provider.typeAccessTokensAsAtJwt(true);
        try {
            String typed = bearer("pia");
            assertThat(http.get("/api/staff/requests/" + reference, "Authorization", typed).status()).isEqualTo(200);
        } finally {
            provider.typeAccessTokensAsAtJwt(false);
        }
    }

    @Test
    void logOutAsksTheProviderByClientIdWithoutTheIdTokenAndEndsBothSessions() {
        WebSession sam = WebSession.signIn(app, "sam");
        Http.Response logout = sam.get("/logout", "Sec-Fetch-Site", "same-origin");
        assertThat(logout.status()).isEqualTo(302);
        URI providerLogout = URI.create(logout.header("Location"));
        assertThat(providerLogout.toString()).startsWith(provider.issuer() + "/connect/logout?");
        Map<String, String> query = query(providerLogout);
        assertThat(query).doesNotContainKey("id_token_hint")
                .containsEntry("client_id", TestIdentityProvider.CLIENT_ID)
                .containsEntry("post_logout_redirect_uri", app + "/camunda/app/");

        // The provider's session ended too: back at the webapps, the provider asks to sign in.
        WebSession.Page back = sam.follow(providerLogout.toString());
        assertThat(back.url()).startsWith(provider.issuer() + "/login");
        assertThat(sam.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        assertThat(provider.logoutRequests()).last().asString().doesNotContain("id_token_hint");
    }

    @Test
    void logOutFromAnotherSiteDoesNotEndTheSession() {
        WebSession sam = WebSession.signIn(app, "sam");
        for (String site : List.of("cross-site", "same-site")) {
            Http.Response forged = sam.get("/logout", "Sec-Fetch-Site", site);
            assertThat(forged.header("Location")).as(site).isNull();
            assertThat(sam.get("/camunda/api/admin/auth/user/default").status()).as("still signed in after " + site).isEqualTo(200);
        }
        assertThat(sam.postForm("/logout", Map.of(), "Sec-Fetch-Site", "cross-site").status())
                .as("a form on another site cannot post the log-out either").isEqualTo(403);
        assertThat(sam.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);

        // A browser that sends no fetch metadata gets a page whose button logs out.
        Http.Response confirm = sam.get("/logout");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(sam.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(confirm.body());
        assertThat(csrf.find()).as(confirm.body()).isTrue();
        Http.Response confirmed = sam.postForm("/logout", Map.of("_csrf", csrf.group(1)));
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(confirmed.header("Location")).startsWith(provider.issuer() + "/connect/logout?");
        assertThat(sam.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
    }

    @Test
    void aUserRemovedFromAProviderGroupLosesItInALiveWebSessionWhenTheAccessTokenIsRenewed() {
        provider.setGroups("rita", "/dsr/privacy", "DSR Sales");
        WebSession rita = WebSession.signIn(app, "rita");
        assertThat(rita.get("/staff/requests/" + reference + "/questions").status()).isEqualTo(200);
        assertThat(rita.get("/camunda/api/engine/engine/default/process-instance?businessKey=" + reference).json()).hasSize(1);
        assertThat(names(rita.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json())).contains("Privacy team tasks");
        assertThat(rita.get("/camunda/api/admin/auth/user/default").json().get("authorizedApps").toString()).contains("cockpit");

        // The provider takes her out of the privacy team. Her access token lives 5 minutes: in its last minute
        // the sign-in renews it, and the renewed tokens carry her groups as they are now.
        provider.setGroups("rita", "DSR Sales");
        ClockUtil.offset(Duration.ofMinutes(4).plusSeconds(30).toMillis());
        assertThat(rita.get("/staff/requests/" + reference + "/questions").status()).as("staff page").isEqualTo(403);
        // Back to the present: the renewed token is fresh, and the session keeps the new groups.
        ClockUtil.reset();
        assertThat(rita.get("/camunda/api/engine/engine/default/process-instance?businessKey=" + reference).json())
                .as("the webapps' API").isEmpty();
        assertThat(names(rita.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json()))
                .as("Tasklist's filters").containsExactly("Sales tasks");
        JsonNode apps = rita.get("/camunda/api/admin/auth/user/default").json().get("authorizedApps");
        assertThat(apps.toString()).contains("tasklist").doesNotContain("cockpit");

        // Out of every mapped group: the next renewal ends the session.
        provider.setGroups("rita", "Everyone");
        ClockUtil.offset(Duration.ofMinutes(4).plusSeconds(30).toMillis());
        assertThat(rita.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(401);
        assertThat(rita.get("/camunda/app/tasklist/default/").header("Location"))
                .endsWith("/oauth2/authorization/" + TestIdentityProvider.REGISTRATION);
    }

    @Test
    void withoutANewIdTokenOnRenewalTheGroupsComeFromTheRenewedAccessToken() {
        provider.setGroups("rita", "/dsr/privacy", "DSR Sales");
        WebSession rita = WebSession.signIn(app, "rita");
        assertThat(rita.get("/staff/requests/" + reference + "/questions").status()).isEqualTo(200);
        provider.issueIdTokensOnRefresh(false);
        try {
            provider.setGroups("rita", "DSR Sales");
            ClockUtil.offset(Duration.ofMinutes(4).plusSeconds(30).toMillis());
            assertThat(rita.get("/staff/requests/" + reference + "/questions").status()).isEqualTo(403);
            ClockUtil.reset();
            assertThat(names(rita.get("/camunda/api/engine/engine/default/filter?resourceType=Task").json())).containsExactly("Sales tasks");
            assertThat(rita.get("/camunda/api/admin/auth/user/default").json().get("userId").asText()).isEqualTo("sso-rita");
        } finally {
            provider.issueIdTokensOnRefresh(true);
        }
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("name").asText()).toList();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private String bearer(String user) {
        return "Bearer " + provider.accessToken(user);
    }

    private Task departmentTask(String group) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup(group)
                .taskDefinitionKey(Elements.DEPARTMENT_TASK).singleResult();
    }
}
