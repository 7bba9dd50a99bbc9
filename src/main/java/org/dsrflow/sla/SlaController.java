package org.dsrflow.sla;

import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.StaffGroups;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The SLA figures for the privacy team and managers (HTTP basic, Camunda users). */
@RestController
class SlaController {

    private final SlaService sla;
    private final StaffAccess access;

    SlaController(SlaService sla, StaffAccess access) {
        this.sla = sla;
        this.access = access;
    }

    @GetMapping(path = "/api/staff/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    SlaFigures figures() {
        access.requireAnyGroup(StaffGroups.PRIVACY, StaffGroups.MANAGERS);
        return sla.figures();
    }
}
