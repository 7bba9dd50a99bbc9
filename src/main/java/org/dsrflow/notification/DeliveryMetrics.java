package org.dsrflow.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@code dsr_emails_unconfirmed} at /actuator/prometheus: emails recorded as sent more than ten
 * minutes ago whose acceptance the SMTP server never confirmed (its answer to the end of the message
 * did not arrive, or the process died right there). Each one needs a person to look: the
 * correspondence log shows which.
 */
@Component
class DeliveryMetrics implements SmartInitializingSingleton {

    static final Duration GRACE = Duration.ofMinutes(10);

    private final CorrespondenceRepository correspondence;
    private final MeterRegistry registry;
    private final Clock clock;

    DeliveryMetrics(CorrespondenceRepository correspondence, MeterRegistry registry, Clock clock) {
        this.correspondence = correspondence;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Gauge.builder("dsr.emails.unconfirmed", correspondence, c -> c.countUnconfirmed(clock.instant().minus(GRACE)))
                .description("Emails recorded as sent that the SMTP server did not confirm (ten minutes and older)")
                .register(registry);
    }
}
