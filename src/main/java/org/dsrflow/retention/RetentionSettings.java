package org.dsrflow.retention;

import org.dsrflow.config.DsrProperties;
import org.springframework.stereotype.Component;

/** What the retention BPMN reads: {@code ${retentionSettings.cycle}} (a cron expression or ISO-8601 cycle). */
@Component("retentionSettings")
public class RetentionSettings {

    private final DsrProperties properties;

    RetentionSettings(DsrProperties properties) {
        this.properties = properties;
    }

    public String getCycle() {
        return properties.retention().cycle();
    }
}
