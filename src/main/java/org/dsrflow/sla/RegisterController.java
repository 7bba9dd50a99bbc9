package org.dsrflow.sla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.StaffGroups;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The register export for the staff API (HTTP basic or a bearer token); Cockpit's dashboard serves the same file. */
@RestController
class RegisterController {

    private final RegisterExport register;
    private final StaffAccess access;

    RegisterController(RegisterExport register, StaffAccess access) {
        this.register = register;
        this.access = access;
    }

    @GetMapping("/api/staff/register.csv")
    void export(HttpServletResponse response) throws IOException {
        access.requireAnyGroup(StaffGroups.PRIVACY, StaffGroups.MANAGERS);
        response.setContentType(RegisterExport.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", RegisterExport.CONTENT_DISPOSITION);
        register.write(response.getWriter());
    }
}
