package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.dsrflow.testsupport.TestPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrflow.request.Channel;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess.Elements;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Requests;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may do what, for every staff group and each REST resource dsr-flow's users touch, generated
 * from one table: a new permission is a deliberate edit of {@link #MATRIX}. The request is an
 * access request about contact details, routed to sales, marketing, support and finance (not to
 * training), whose department tasks are open, and a second request still waiting for its email
 * confirmation.
 * <p>Methods: GET, POST, PUT, DELETE with HTTP basic; WEBGET and WEBPOST in a webapp session of the group
 * (Cockpit for the privacy team and managers, Tasklist for departments; anonymous: no session), with the
 * session's CSRF header, as the webapps call their own API.
 * <p>Outcomes: SEES = 2xx with a non-empty list or object; EMPTY = 2xx with an empty list (the
 * engine filters it away); OK = any 2xx, whatever it holds; BAD = 400/409 (authorized, but the input or the request's
 * state is refused); NO = 401, 403 or 404.
 */
@SmtpIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestPorts.SMTP).withPerMethodLifecycle(false);

    static final List<String> GROUPS = List.of("anonymous", "sales", "training", "privacy", "managers", "system-workers");

    static final String MATRIX = """
            # method path                                                    | body                                   | anonymous | sales | training | privacy | managers | system-workers
            GET  /engine-rest/task?processInstanceBusinessKey={ref}          |                                        | NO | SEES  | EMPTY | SEES  | SEES | NO
            GET  /engine-rest/task/{salesTask}                               |                                        | NO | SEES  | NO    | SEES  | SEES | NO
            GET  /engine-rest/task/{salesTask}/form-variables                |                                        | NO | SEES  | NO    | SEES  | NO | NO
            GET  /engine-rest/task/{salesTask}/variables                     |                                        | NO | SEES  | NO    | SEES  | NO | NO
            GET  /engine-rest/task/{salesTask}/deployed-form                 |                                        | NO | SEES  | NO    | SEES  | SEES | NO
            POST /engine-rest/task/{salesTask}/claim                         | {"userId": "{me}"}                     | NO | OK    | NO    | NO    | NO | NO
            POST /engine-rest/task/{salesTask}/complete                      | {"variables": {"answer": {"type": "Json", "value": "{}"}}} | NO | BAD | NO | NO | NO | NO
            POST /engine-rest/task/{salesTask}/complete                      | {"variables": {"requestId": {"value": 1, "type": "Long"}}} | NO | NO | NO | NO | NO | NO
            POST /engine-rest/task/{salesTask}/bpmnError                     | {"errorCode": "x"}                     | NO | NO    | NO    | NO    | NO | NO
            PUT  /engine-rest/task/{salesTask}/variables/requestId          | {"value": 1, "type": "Long"}           | NO | NO    | NO    | NO    | NO | NO
            POST /engine-rest/task/{salesTask}/identity-links                | {"groupId": "training", "type": "candidate"} | NO | NO | NO | NO | NO | NO
            GET  /engine-rest/process-instance?businessKey={ref}             |                                        | NO | EMPTY | EMPTY | SEES  | SEES | NO
            GET  /engine-rest/process-instance/{instance}/variables          |                                        | NO | NO    | NO    | SEES  | NO | NO
            PUT  /engine-rest/process-instance/{instance}/variables/requestId | {"value": 1, "type": "Long"}          | NO | NO    | NO    | NO    | NO | NO
            POST /engine-rest/process-instance/{instance}/modification       | {"instructions": [{"type": "startBeforeActivity", "activityId": "send_response_email"}]} | NO | NO | NO | NO | NO | NO
            PUT  /engine-rest/process-instance/{instance}/suspended          | {"suspended": true}                    | NO | NO    | NO    | NO    | NO | NO
            DELETE /engine-rest/process-instance/{instance}                  |                                        | NO | NO    | NO    | NO    | NO | NO
            POST /engine-rest/process-definition/key/data-subject-request/start | {"businessKey": "x"}                | NO | NO    | NO    | NO    | NO | NO
            POST /engine-rest/message                                        | {"messageName": "EmailConfirmed", "businessKey": "{unconfirmed}"} | NO | NO | NO | NO | NO | NO
            GET  /engine-rest/variable-instance?processInstanceIdIn={instance} |                                      | NO | SEES  | EMPTY | SEES  | EMPTY | NO
            GET  /engine-rest/history/process-instance?processInstanceBusinessKey={ref} |                             | NO | EMPTY | EMPTY | SEES  | SEES | NO
            GET  /engine-rest/history/activity-instance?processInstanceId={instance} |                                | NO | EMPTY | EMPTY | SEES  | SEES | NO
            GET  /engine-rest/history/variable-instance?processInstanceId={instance} |                                | NO | EMPTY | EMPTY | SEES  | EMPTY | NO
            GET  /engine-rest/history/detail?processInstanceId={instance}    |                                        | NO | EMPTY | EMPTY | EMPTY | EMPTY | NO
            GET  /engine-rest/history/decision-instance?processInstanceId={instance} |                                | NO | EMPTY | EMPTY | SEES  | EMPTY | NO
            GET  /engine-rest/process-instance?variables=type_eq_ACCESS      |                                        | NO | NO    | NO    | SEES  | NO | NO
            GET  /engine-rest/task?processVariables=type_eq_ACCESS           |                                        | NO | NO    | NO    | SEES  | NO | NO
            POST /engine-rest/process-instance                               | {"orQueries": [{"variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}]} | NO | NO | NO | SEES | NO | NO
            POST /engine-rest/history/process-instance                       | {"orQueries": [{"variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}]} | NO | NO | NO | SEES | NO | NO
            POST /engine-rest/history/task                                   | {"orQueries": [{"processVariables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]}]} | NO | NO | NO | SEES | NO | NO
            WEBPOST /camunda/api/cockpit/plugin/base/default/process-instance | {"businessKey": "{ref}"}              | NO | EMPTY | EMPTY | SEES  | SEES | NO
            WEBPOST /camunda/api/cockpit/plugin/base/default/process-instance | {"variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]} | NO | NO | NO | SEES | NO | NO
            WEBPOST /camunda/api/cockpit/plugin/base/default/process-instance/count | {"variables": [{"name": "type", "operator": "eq", "value": "ACCESS"}]} | NO | NO | NO | SEES | NO | NO
            WEBGET /camunda/api/cockpit/plugin/base/default/process-instance?variables=type_eq_ACCESS |         | NO | NO    | NO    | SEES  | NO | NO
            GET  /engine-rest/job?processInstanceId={instance}               |                                        | NO | EMPTY | EMPTY | SEES  | SEES | NO
            PUT  /engine-rest/job/{job}/retries                              | {"retries": 3}                         | NO | NO    | NO    | NO    | NO | NO
            GET  /engine-rest/incident                                       |                                        | NO | OK    | OK    | OK    | OK | NO
            GET  /engine-rest/filter                                         |                                        | NO | SEES  | SEES  | SEES  | SEES | NO
            GET  /engine-rest/deployment                                     |                                        | NO | EMPTY | EMPTY | SEES  | SEES | NO
            GET  /engine-rest/authorization                                  |                                        | NO | EMPTY | EMPTY | EMPTY | EMPTY | NO
            POST /engine-rest/external-task/fetchAndLock                     | {"workerId": "{me}", "maxTasks": 1, "topics": [{"topicName": "dsr-system-sql", "lockDuration": 60000, "variables": ["systemRun"]}]} | NO | EMPTY | EMPTY | EMPTY | EMPTY | EMPTY
            POST /engine-rest/external-task/fetchAndLock                     | {"workerId": "{me}", "maxTasks": 1, "topics": [{"topicName": "dsr-system-sql", "lockDuration": 60000}]} | NO | EMPTY | EMPTY | EMPTY | EMPTY | NO
            POST /engine-rest/external-task/fetchAndLock                     | {"workerId": "dsr-flow", "maxTasks": 1, "topics": [{"topicName": "dsr-system-sql", "lockDuration": 60000, "variables": ["systemRun"]}]} | NO | EMPTY | EMPTY | EMPTY | EMPTY | NO
            GET  /engine-rest/external-task                                  |                                        | NO | EMPTY | EMPTY | EMPTY | EMPTY | NO
            POST /api/staff/requests                                         | {}                                     | NO | NO    | NO    | BAD   | NO | NO
            GET  /api/staff/requests/{ref}                                   |                                        | NO | NO    | NO    | SEES  | SEES | NO
            GET  /api/staff/requests/{ref}/correspondence                    |                                        | NO | NO    | NO    | SEES  | NO | NO
            POST /api/staff/requests/{ref}/requester-reply                   |                                        | NO | NO    | NO    | BAD   | NO | NO
            GET  /api/staff/sla                                              |                                        | NO | NO    | NO    | SEES  | SEES | NO
            GET  /api/staff/register.csv                                     |                                        | NO | NO    | NO    | OK    | OK | NO
            GET  /api/staff/deadlines?site=SE&receivedOn=2026-11-02          |                                        | NO | NO    | NO    | SEES  | SEES | NO
            """;

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;

    Map<String, String> placeholders;
    /** One webapp session per group, logged in once. */
    final Map<String, Http> sessions = new java.util.HashMap<>();

    @BeforeAll
    void oneRequestAtItsDepartments() {
        TestUsers.ensure(identity);
        String reference = Requests.confirmed(intake, management, process, "ACCESS", "SE", "en", List.of("contact"));
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        String unconfirmed = intake.submitReceivedToday(new NewRequest("ACCESS", "Una Confirmed", "una@example.com", "SE",
                "en", List.of("contact"), null), Channel.WEB).request().reference();
        Jobs.executeDue(management);
        placeholders = Map.of(
                "{ref}", reference,
                "{unconfirmed}", unconfirmed,
                "{instance}", instance,
                "{salesTask}", tasks.createTaskQuery().processInstanceId(instance).taskCandidateGroup("sales")
                        .taskDefinitionKey(Elements.DEPARTMENT_TASK).singleResult().getId(),
                "{job}", management.createJobQuery().processInstanceId(instance).timers().list().get(0).getId());
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String line : MATRIX.strip().split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\|");
            String request = columns[0].strip();
            String body = columns[1].strip();
            for (int i = 0; i < GROUPS.size(); i++) {
                cells.add(Arguments.of(request, GROUPS.get(i), body, Outcome.valueOf(columns[2 + i].strip())));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @MethodSource("cells")
    void groupGetsWhatTheTableSays(String request, String group, String body, Outcome expected) {
        String method = request.substring(0, request.indexOf(' '));
        String path = fill(request.substring(request.indexOf(' ')).strip());
        body = fill(body).replace("{me}", TestUsers.of(group));
        String[] auth = group.equals("anonymous") ? new String[0] : new String[] {"Authorization", TestUsers.auth(group)};
        Http http = new Http(port);
        Http.Response response = switch (method) {
            case "GET" -> http.get(path, auth);
            case "POST" -> http.postJson(path, body.isEmpty() ? "{}" : body, auth);
            case "WEBGET" -> session(group).get(path);
            case "WEBPOST" -> session(group).postJson(path, body.isEmpty() ? "{}" : body,
                    org.dsrflow.testsupport.WebappSessions.csrf(session(group)));
            case "PUT" -> http.put(path, body, auth);
            case "DELETE" -> http.delete(path, auth);
            default -> throw new IllegalArgumentException(method);
        };
        Outcome actual = Outcome.of(response);
        assertThat(expected == Outcome.OK && (actual == Outcome.SEES || actual == Outcome.EMPTY) ? Outcome.OK : actual)
                .as(method + " " + path + " as " + group + ": " + response.status() + " " + abbreviated(response.body()))
                .isEqualTo(expected);
    }

    private Http session(String group) {
        return sessions.computeIfAbsent(group, key -> switch (key) {
            case "anonymous" -> new Http(port);
            case "privacy", "managers" -> org.dsrflow.testsupport.WebappSessions.logIn(port, key, "cockpit");
            case "system-workers" -> refusedByTheWebapps(key);
            default -> org.dsrflow.testsupport.WebappSessions.logIn(port, key, "tasklist");
        });
    }

    /** A worker process's account opens neither Tasklist nor Cockpit: its sessions stay anonymous. */
    private Http refusedByTheWebapps(String group) {
        Http session = new Http(port);
        for (String app : List.of("tasklist", "cockpit")) {
            session.get("/camunda/app/" + app + "/default/");
            Http.Response login = session.postForm("/camunda/api/admin/auth/user/default/login/" + app,
                    Map.of("username", TestUsers.of(group), "password", TestUsers.PASSWORD), "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"));
            assertThat(login.status()).as(group + " logs into " + app).isNotEqualTo(200);
        }
        return session;
    }

    private String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    enum Outcome {
        SEES, EMPTY, OK, BAD, NO;

        static Outcome of(Http.Response response) {
            int status = response.status();
            if (status == 401 || status == 403 || status == 404) {
                return NO;
            }
            if (status == 400 || status == 409) {
                return BAD;
            }
            if (status < 200 || status >= 300) {
                throw new AssertionError("unexpected status " + status + ": " + response.body());
            }
            String body = response.body() == null ? "" : response.body().strip();
            if (body.isEmpty() || !(body.startsWith("[") || body.startsWith("{"))) {
                return OK;
            }
            JsonNode json = response.json();
            return json.isEmpty() ? EMPTY : json.isArray() || json.isObject() ? SEES : OK;
        }
    }
}
