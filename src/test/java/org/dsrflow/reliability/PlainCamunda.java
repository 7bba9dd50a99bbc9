package org.dsrflow.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.dsrflow.testsupport.Http;

/**
 * The benchmark's reference: plain BPMN processes of dsr-flow's shapes ({@code src/test/resources/benchmark/}),
 * deployed through Camunda's REST API into the running node by a benchmark user with just the rights it needs,
 * and started through the same API. They run on the same engine, database and job executor as dsr-flow's, and
 * their user tasks go to the same groups, so the same Tasklist clients complete them.
 */
final class PlainCamunda {

    static final String INTAKE = "bench_plain_intake";
    static final String LIFECYCLE = "bench_plain_lifecycle";
    static final String USER = "benchplain";
    static final String PASSWORD = "bench-plain-password-1";

    private static final int GRANT = 1;
    private static final int PROCESS_DEFINITION = 6;
    private static final int PROCESS_INSTANCE = 8;
    private static final int DEPLOYMENT = 9;

    private final AppNode node;

    private PlainCamunda(AppNode node) {
        this.node = node;
    }

    /** Creates the benchmark user (as the administrator would in Camunda Admin), grants its rights and deploys. */
    static PlainCamunda deploy(AppNode node) throws IOException {
        Http http = node.http();
        String admin = Http.basic("admin", AppNode.ADMIN_PASSWORD);
        int created = http.postJson("/engine-rest/user/create", """
                {"profile": {"id": "%s", "firstName": "Bench", "lastName": "Plain", "email": "%s@example.org"},
                 "credentials": {"password": "%s"}}""".formatted(USER, USER, PASSWORD), "Authorization", admin).status();
        require(created == 204, "create the benchmark user", created, "");
        grant(http, admin, DEPLOYMENT, "*", "CREATE", "READ");
        for (String key : List.of(INTAKE, LIFECYCLE)) {
            grant(http, admin, PROCESS_DEFINITION, key, "READ", "CREATE_INSTANCE", "READ_INSTANCE");
        }
        grant(http, admin, PROCESS_INSTANCE, "*", "CREATE");
        String user = Http.basic(USER, PASSWORD);
        List<Http.FilePart> files = List.of(file("plain-intake.bpmn"), file("plain-lifecycle.bpmn"));
        Http.Response deployed = http.postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "benchmark-plain", "deployment-source", "LoadBenchmark"), files, "Authorization", user);
        require(deployed.status() == 200, "deploy the plain processes", deployed.status(), deployed.body());
        return new PlainCamunda(node);
    }

    /** Starts one instance of {@code key} through the REST API; returns the outcome as a submission's. */
    Load.Outcome start(Http http, String key, String businessKey) {
        long started = System.nanoTime();
        try {
            Http.Response response = http.postJson("/engine-rest/process-definition/key/" + key + "/start", """
                    {"businessKey": "%s", "variables": {"type": {"value": "ACCESS"}, "site": {"value": "SE"},
                     "language": {"value": "en"}}}""".formatted(businessKey), "Authorization", Http.basic(USER, PASSWORD));
            long took = System.nanoTime() - started;
            return new Load.Outcome(businessKey, response.status() == 200 ? 201 : response.status(), response.body(),
                    took / 1_000_000, started, took);
        } catch (IllegalStateException noAnswer) {
            long took = System.nanoTime() - started;
            return new Load.Outcome(businessKey, -1, noAnswer.toString(), took / 1_000_000, started, took);
        }
    }

    /** The task completion a Tasklist user sends for a plain task: the form's (no) variables. */
    static String submission() {
        return "{\"variables\": {}}";
    }

    int port() {
        return node.port();
    }

    private static void grant(Http http, String admin, int resourceType, String resourceId, String... permissions) {
        Http.Response granted = http.postJson("/engine-rest/authorization/create", """
                {"type": %d, "permissions": [%s], "userId": "%s", "resourceType": %d, "resourceId": "%s"}""".formatted(
                GRANT, String.join(", ", java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList()), USER,
                resourceType, resourceId), "Authorization", admin);
        require(granted.status() == 200, "grant " + String.join(",", permissions) + " on " + resourceType + "/" + resourceId,
                granted.status(), granted.body());
    }

    private static Http.FilePart file(String name) throws IOException {
        try (InputStream in = PlainCamunda.class.getResourceAsStream("/benchmark/" + name)) {
            if (in == null) {
                throw new IllegalStateException("benchmark resource missing: " + name);
            }
            return new Http.FilePart(name, name, in.readAllBytes());
        }
    }

    private static void require(boolean ok, String what, int status, String body) {
        if (!ok) {
            throw new IllegalStateException("could not " + what + ": " + status + " " + body);
        }
    }
}
