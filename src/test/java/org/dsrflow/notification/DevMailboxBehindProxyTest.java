package org.dsrflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrflow.testsupport.Http;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The development mailbox with {@code server.forward-headers-strategy=native} and a reverse proxy on
 * this computer at its network address: Tomcat takes the caller's address from X-Forwarded-For, so
 * the mailbox must decide on the connection's own peer, never on the rewritten address.
 */
class DevMailboxBehindProxyTest extends DevMailboxIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aCallerThroughTheProxyClaimingToBeThisComputerIsRefused() {
        Assumptions.assumeTrue(proxy != null, "this machine has no non-loopback address to call from");
        Http.Response claimed = new Http(proxy, port).get("/dev/mailbox", "X-Forwarded-For", "127.0.0.1");
        assertThat(claimed.status()).isEqualTo(404);
        assertThat(claimed.body()).doesNotContain("/dev/mailbox/");
        assertThat(new Http(proxy, port).get("/dev/mailbox/1", "X-Forwarded-For", "::1").status()).isEqualTo(404);
        assertThat(new Http(proxy, port).get("/dev/mailbox").status()).as("the network, no header").isEqualTo(404);
        assertThat(new Http(port).get("/dev/mailbox").status()).as("this computer, no proxy").isEqualTo(200);
    }
}
