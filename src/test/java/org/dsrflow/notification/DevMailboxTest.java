package org.dsrflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Jobs;
import org.dsrflow.testsupport.Links;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without SMTP: emails land in the development mailbox; demo users exist. */
class DevMailboxTest extends DevMailboxIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void acknowledgementAppearsInTheMailboxAndItsLinkConfirmsTheRequest() {
        String reference = http.postJson("/api/requests", """
                {"type": "MARKETING_OBJECTION", "name": "Mo <b>Bold</b>", "email": "mo@example.com", "site": "NO", "language": "nb"}""")
                .json().get("reference").asText();
        Jobs.executeDue(management);

        Http.Response mailbox = http.get("/dev/mailbox");
        assertThat(mailbox.status()).isEqualTo(200);
        assertThat(mailbox.body()).contains(reference).contains("mo@example.com");
        Matcher link = Pattern.compile("href=\"https?://[^/\"]+(/confirm\\?token=[A-Za-z0-9_-]+)\"").matcher(mailbox.body());
        assertThat(link.find()).as("a clickable confirmation link").isTrue();

        Matcher mail = Pattern.compile("href=\"(/dev/mailbox/\\d+)\"").matcher(mailbox.body());
        assertThat(mail.find()).isTrue();
        Http.Response shown = http.get(mail.group(1));
        assertThat(shown.status()).isEqualTo(200);
        // The email's HTML is shown escaped inside a sandboxed frame; the name was escaped in the email itself.
        assertThat(shown.body()).contains("sandbox=").contains("&amp;lt;b&amp;gt;Bold").doesNotContain("<b>Bold</b>");

        Http.Response confirmed = Links.confirm(http, link.group(1));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("id=\"confirmed\"").contains(reference);
    }

    @Test
    void aProxyOnThisComputerForwardingAnotherCallerDoesNotOpenTheMailbox() {
        // A reverse proxy on this computer connects from loopback for everyone; its headers name the real caller.
        for (String[] header : new String[][] {{"X-Forwarded-For", "203.0.113.7"}, {"Forwarded", "for=203.0.113.7"},
                {"X-Real-IP", "203.0.113.7"}, {"X-Forwarded-For", "127.0.0.1"}}) {
            Http.Response forwarded = http.get("/dev/mailbox", header);
            assertThat(forwarded.status()).as(header[0] + ": " + header[1]).isEqualTo(404);
            assertThat(forwarded.body()).doesNotContain("/dev/mailbox/");
            assertThat(http.get("/dev/mailbox/1", header).status()).as(header[0] + ": " + header[1]).isEqualTo(404);
        }
        assertThat(http.get("/dev/mailbox").status()).as("this computer, no proxy").isEqualTo(200);
    }

    @Test
    void healthIsUpWithoutAnSmtpServer() {
        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void demoUsersLogInWithTheDemoPassword() {
        for (String user : new String[] {"privacy", "manager", "sales", "webdigital"}) {
            assertThat(http.get("/engine-rest/task", "Authorization", Http.basic(user, "demo-password-1")).status())
                    .as(user).isEqualTo(200);
        }
        assertThat(http.get("/engine-rest/task", "Authorization", Http.basic("sales", "wrong")).status()).isEqualTo(401);
    }
}
