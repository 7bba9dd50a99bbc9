package org.dsrflow.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dsrflow.config.DsrProperties;

/** The register's systems by id, each with the department that names it. */
final class Systems {

    private Systems() {
    }

    static Map<String, DataSystem> of(DsrProperties.Organisation organisation) {
        Map<String, DataSystem> systems = new LinkedHashMap<>();
        organisation.departments().forEach((department, entry) -> entry.systems().forEach((id, settings) ->
                systems.putIfAbsent(id, new DataSystem(id, department, settings))));
        return systems;
    }
}
