package org.dsrflow.notification;

import java.net.SocketException;
import java.util.regex.Pattern;
import org.dsrflow.testsupport.Network;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application without SMTP: emails land in the development mailbox; demo users exist. Behind a
 * reverse proxy on this computer at its network address ({@code server.forward-headers-strategy=native},
 * that address trusted as a proxy), as well as called directly. One context for the mailbox's classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dsr.demo.enabled=true", "dsr.demo.password=demo-password-1", "server.forward-headers-strategy=native"})
@ActiveProfiles("it")
abstract class DevMailboxIntegrationTest {

    /** This computer's network address, where the proxy is; null when it has none. */
    static String proxy;

    @DynamicPropertySource
    static void trustTheProxy(DynamicPropertyRegistry registry) throws SocketException {
        proxy = Network.nonLoopbackAddress();
        registry.add("server.tomcat.remoteip.internal-proxies", () -> proxy == null ? "" : Pattern.quote(proxy));
    }
}
