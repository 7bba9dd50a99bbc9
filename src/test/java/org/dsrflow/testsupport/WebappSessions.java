package org.dsrflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** A Camunda webapp session (Cockpit, Tasklist) logged in through the webapps' own log-in form, as a browser does. */
public final class WebappSessions {

    private WebappSessions() {
    }

    /** A session of the test user of {@code group} in {@code app} ("cockpit", "tasklist"); asserts the log-in worked. */
    public static Http logIn(int port, String group, String app) {
        Http session = new Http(port);
        session.get("/camunda/app/" + app + "/default/");
        Http.Response login = session.postForm("/camunda/api/admin/auth/user/default/login/" + app,
                Map.of("username", TestUsers.of(group), "password", TestUsers.PASSWORD),
                "X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"));
        assertThat(login.status()).as(group + " logs into " + app).isEqualTo(200);
        // A log-in starts a new session, whose CSRF token the next page load hands out, as in a browser.
        session.get("/camunda/app/" + app + "/default/");
        return session;
    }

    /** The header pair that Camunda's webapps send with every changing request of a session (none before a page load). */
    public static String[] csrf(Http session) {
        String token = session.cookie("XSRF-TOKEN");
        return token == null ? new String[0] : new String[] {"X-XSRF-TOKEN", token};
    }
}
