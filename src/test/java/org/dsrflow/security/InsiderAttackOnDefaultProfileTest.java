package org.dsrflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.Network;
import org.dsrflow.testsupport.StartupOutput;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The default profile as a newcomer starts it (no passwords set, demo users, development mailbox),
 * tried by someone on the same network: demo users do not share the administrator's password, and
 * the mailbox with its live links answers only this computer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dsr-default-${random.uuid};DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "dsr.admin.password=", "dsr.demo.password="})
class InsiderAttackOnDefaultProfileTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ApplicationContext context;

    @Test
    void demoUsersNeverShareTheAdministratorsGeneratedPassword() {
        String admin = generated("Administrator:\\s+admin / (\\S+) \\(generated");
        String demo = generated("Demo password:\\s+(\\S+) \\(generated");
        assertThat(identity.checkPassword("admin", admin)).isTrue();
        assertThat(identity.checkPassword("sales", demo)).isTrue();
        assertThat(demo).isNotEqualTo(admin);
        for (String user : new String[] {"privacy", "manager", "sales", "finance"}) {
            assertThat(identity.checkPassword(user, admin)).as(user).isFalse();
        }
    }

    @Test
    void developmentMailboxAnswersOnlyThisComputer() throws SocketException {
        assertThat(new Http(port).get("/dev/mailbox").status()).isEqualTo(200);
        assertThat(StartupOutput.of(context)).contains("Development mailbox:").contains("only from this computer");
        String address = Network.nonLoopbackAddress();
        Assumptions.assumeTrue(address != null, "this machine has no non-loopback address to call from");
        Http.Response fromNetwork = new Http(address, port).get("/dev/mailbox");
        assertThat(fromNetwork.status()).as(fromNetwork.body()).isEqualTo(404);
        assertThat(new Http(address, port).get("/dev/mailbox/1").status()).isEqualTo(404);
    }

    private String generated(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(StartupOutput.of(context));
        assertThat(matcher.find()).as("start-up report: " + regex).isTrue();
        return matcher.group(1);
    }
}
