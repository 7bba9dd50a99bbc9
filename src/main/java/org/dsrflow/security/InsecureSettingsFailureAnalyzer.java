package org.dsrflow.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link InsecureSettingsException} into a short start-up report instead of a stack trace. */
class InsecureSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InsecureSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the environment variables described in the README (section 'Production') and start again.", cause);
    }
}
