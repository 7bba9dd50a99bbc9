package org.dsrflow.notification;

import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDevMailbox
class DevMailboxConfig {

    @Bean
    DevMailbox devMailbox(Clock clock, JdbcClient jdbc, DeliveryDatabase delivery) {
        return new DevMailbox(clock, jdbc, delivery);
    }

    /** The mailbox decides on the connection's peer: recorded first in Tomcat's pipeline, before any remote-IP valve. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionPeerValve(
            @Value("${server.tomcat.remoteip.remote-ip-header:}") String remoteIpHeader,
            @Value("${server.tomcat.remoteip.protocol-header:}") String protocolHeader,
            @Value("${server.tomcat.remoteip.host-header:}") String hostHeader,
            @Value("${server.tomcat.remoteip.port-header:}") String portHeader) {
        return factory -> factory.addEngineValves(new ConnectionPeerValve(List.of(remoteIpHeader, protocolHeader, hostHeader, portHeader)));
    }
}
