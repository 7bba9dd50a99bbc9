package org.dsrflow.sla;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The headline SLA figures as Micrometer gauges (at /actuator/prometheus, for teams that chart in
 * Grafana): open, due within 7 days, overdue, on-time ratio of the last 90 days. Read on each scrape.
 */
@Component
class SlaMetrics implements SmartInitializingSingleton {

    private final SlaService sla;
    private final MeterRegistry registry;
    private final java.time.Clock clock;

    SlaMetrics(SlaService sla, MeterRegistry registry, java.time.Clock clock) {
        this.sla = sla;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Gauge.builder("dsr.requests.open", sla, SlaService::openCount).description("Open data-subject requests").register(registry);
        Gauge.builder("dsr.requests.due.soon", sla, s -> s.dueSoon(today())).description("Open requests due within 7 days").register(registry);
        Gauge.builder("dsr.requests.overdue", sla, s -> s.overdue(today())).description("Open requests past their deadline").register(registry);
        Gauge.builder("dsr.requests.on.time.ratio", sla, s -> {
            var period = s.period(today(), 90);
            return period.answered() == 0 ? Double.NaN : (double) period.onTime() / period.answered();
        }).description("Share of requests answered within their deadline, last 90 days").register(registry);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
