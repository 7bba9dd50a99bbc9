package org.dsrflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, H2 in memory, email through SMTP to GreenMail on port 3025
 * (see {@link WithGreenMail}), links to the port it listens on (no public address configured),
 * metrics at /actuator/prometheus, two privacy mailboxes on GreenMail's IMAP port 3143 read on demand only
 * ({@link WithGreenMailImap}), behind a reverse proxy as in production (forwarded headers from
 * this computer trusted: {@code server.forward-headers-strategy=native}). Every class with this
 * configuration shares one application context: they run one after another and each starts from the
 * state the fresh context had ({@link ContextGroups}, {@link ContextGroupListener}). A class that
 * needs another setting makes it at run time where it can (lower public limits: {@link PublicLimits}),
 * or adds to its configuration and so gets a context of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(Lanes.FIRST) // the first of the two JVMs (Lanes)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mail.host=localhost", "spring.mail.port=${dsr.test.smtp-port:3025}", "dsr.public-base-url=",
                "server.forward-headers-strategy=native",
                // Two privacy mailboxes on GreenMail's IMAP (see WithGreenMailImap), read only when a test says so (InboxReader.readNow).
                "dsr.inbox.poll=manual",
                "dsr.inbox.mailboxes[0].id=privacy", "dsr.inbox.mailboxes[0].purpose=PRIVACY_REQUESTS",
                "dsr.inbox.mailboxes[0].host=localhost", "dsr.inbox.mailboxes[0].port=${dsr.test.imap-port:3143}", "dsr.inbox.mailboxes[0].protocol=imap",
                "dsr.inbox.mailboxes[0].username=requests", "dsr.inbox.mailboxes[0].password=inbox-secret-1",
                "dsr.inbox.mailboxes[0].max-message-size=1MB",
                "dsr.inbox.mailboxes[1].id=marketing", "dsr.inbox.mailboxes[1].purpose=MARKETING_OPT_OUTS",
                "dsr.inbox.mailboxes[1].host=localhost", "dsr.inbox.mailboxes[1].port=${dsr.test.imap-port:3143}", "dsr.inbox.mailboxes[1].protocol=imap",
                "dsr.inbox.mailboxes[1].username=unsubscribe", "dsr.inbox.mailboxes[1].password=inbox-secret-2"})
@ActiveProfiles("it")
@AutoConfigureObservability(tracing = false) // Spring Boot tests switch metrics export off unless asked
public @interface SmtpIntegrationTest {
}
