package org.dsrflow.cluster;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Spring's scheduler, for the node's heartbeat ({@link NodeLease}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
