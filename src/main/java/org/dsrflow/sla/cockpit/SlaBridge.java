package org.dsrflow.sla.cockpit;

import org.dsrflow.sla.SlaService;
import org.springframework.stereotype.Component;

/**
 * Hands the Spring-managed {@link SlaService} to the Cockpit plugin resource, which Camunda's
 * webapp instantiates itself (outside Spring).
 */
@Component
class SlaBridge {

    private static volatile SlaService service;

    SlaBridge(SlaService sla) {
        service = sla;
    }

    static SlaService service() {
        SlaService current = service;
        if (current == null) {
            throw new IllegalStateException("dsr-flow is not started");
        }
        return current;
    }
}
