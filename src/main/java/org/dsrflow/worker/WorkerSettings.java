package org.dsrflow.worker;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;

/**
 * The worker process's settings ({@code dsr.worker.*}, as arguments {@code --dsr.worker.name=...} or environment variables
 * {@code DSR_WORKER_NAME=...}): its name (the register's {@code worker} of the systems it serves), the engine's REST API,
 * the application's address for the staff API (default: the engine URL without {@code /engine-rest}), the account it
 * signs in with (a member of {@code system-workers}; its user id is the worker id), and how long it waits at most
 * between two fetches when there is nothing to do. Secrets come from the environment or the arguments, never a file.
 */
record WorkerSettings(String name, URI engineUrl, URI apiUrl, String username, String password, Duration pollInterval) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String ENGINE_REST = "/engine-rest";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Override
    public String toString() { // never the password
        return "WorkerSettings[" + name + ", " + engineUrl + ", " + apiUrl + ", " + username + "]";
    }

    /** The settings, or an {@link IllegalArgumentException} naming every one that is missing or wrong. */
    static WorkerSettings from(PropertyResolver environment) {
        List<String> problems = new ArrayList<>();
        String name = value(environment, "dsr.worker.name");
        if (name == null) {
            problems.add("dsr.worker.name (DSR_WORKER_NAME): missing: the worker name the register's systems give (worker: <name>),"
                    + " or application");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("dsr.worker.name (DSR_WORKER_NAME): '" + name + "' is not a worker name: lower-case letters, digits and hyphens");
        }
        URI engine = url(environment, "dsr.worker.engine-url", "DSR_WORKER_ENGINE_URL", true, problems);
        URI api = url(environment, "dsr.worker.api-url", "DSR_WORKER_API_URL", false, problems);
        if (api == null && engine != null) {
            String base = engine.toString().replaceFirst("/+$", "");
            api = URI.create(base.endsWith(ENGINE_REST) ? base.substring(0, base.length() - ENGINE_REST.length()) : base);
        }
        String username = value(environment, "dsr.worker.username");
        if (username == null) {
            problems.add("dsr.worker.username (DSR_WORKER_USERNAME): missing: the worker's account, a member of system-workers");
        }
        String password = value(environment, "dsr.worker.password");
        if (password == null) {
            problems.add("dsr.worker.password (DSR_WORKER_PASSWORD): missing: the account's password (from the environment)");
        }
        Duration poll = Duration.ofSeconds(2);
        String interval = value(environment, "dsr.worker.poll-interval");
        if (interval != null) {
            try {
                poll = DurationStyle.detectAndParse(interval);
            } catch (IllegalArgumentException e) {
                problems.add("dsr.worker.poll-interval (DSR_WORKER_POLL_INTERVAL): '" + interval + "' is not a duration (e.g. 2s, PT2S)");
            }
            if (poll.isNegative() || poll.isZero()) {
                problems.add("dsr.worker.poll-interval (DSR_WORKER_POLL_INTERVAL): must be more than zero");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The worker's settings are incomplete:\n  - " + String.join("\n  - ", problems));
        }
        return new WorkerSettings(name, engine, api, username, password, poll);
    }

    private static URI url(PropertyResolver environment, String key, String variable, boolean required, List<String> problems) {
        String value = value(environment, key);
        if (value == null) {
            if (required) {
                problems.add(key + " (" + variable + "): missing: the engine's REST API, e.g. https://privacy.example.org/engine-rest");
            }
            return null;
        }
        try {
            // Without a trailing slash: the client and the staff API add their paths (a double slash is refused).
            URI uri = URI.create(value.replaceFirst("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // The account's password travels with every call: https, except to this computer.
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(uri.getHost()))) {
                problems.add(key + " (" + variable + "): '" + value + "' must be an https address (http only for localhost)");
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(key + " (" + variable + "): '" + value + "' is not an address");
            return null;
        }
    }

    private static String value(PropertyResolver environment, String key) {
        String value = environment.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
