package org.dsrflow.support;

import java.time.Clock;
import org.dsrflow.support.EngineClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    @Bean
    Clock clock() {
        return new EngineClock();
    }
}
