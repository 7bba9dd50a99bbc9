package org.dsrflow.notification;

import org.dsrflow.config.DsrProperties;
import org.springframework.stereotype.Component;

/** Mail settings the BPMN reads: {@code ${mailSettings.retryCycle}} on every send task. */
@Component("mailSettings")
public class MailSettings {

    private final DsrProperties properties;

    MailSettings(DsrProperties properties) {
        this.properties = properties;
    }

    public String getRetryCycle() {
        return properties.mail().retryCycle();
    }
}
