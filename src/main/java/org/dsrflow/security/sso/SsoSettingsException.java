package org.dsrflow.security.sso;

import org.dsrflow.config.StartupCheckException;

/** Single sign-on settings that dsr-flow refuses to start with. */
public class SsoSettingsException extends StartupCheckException {

    public SsoSettingsException(String message) {
        super(message, "Correct the settings described in the README (section 'Single sign-on (OIDC)') and start again.");
    }
}
