package org.dsrflow.sla.cockpit;

import org.dsrflow.sla.RegisterExport;
import org.dsrflow.sla.SlaService;
import org.springframework.stereotype.Component;

/**
 * Hands the Spring-managed {@link SlaService} and {@link RegisterExport} to the Cockpit plugin
 * resources, which Camunda's webapp instantiates itself (outside Spring).
 */
@Component
class SlaBridge {

    private static volatile SlaService service;
    private static volatile RegisterExport register;

    SlaBridge(SlaService sla, RegisterExport export) {
        service = sla;
        register = export;
    }

    static SlaService service() {
        return started(service);
    }

    static RegisterExport register() {
        return started(register);
    }

    private static <T> T started(T bean) {
        if (bean == null) {
            throw new IllegalStateException("dsr-flow is not started");
        }
        return bean;
    }
}
