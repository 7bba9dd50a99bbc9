package org.dsrflow.notification;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnDevMailbox
class DevMailboxConfig {

    @Bean
    DevMailbox devMailbox(Clock clock) {
        return new DevMailbox(clock);
    }
}
