package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.dsrflow.DsrFlowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Start-up refuses a routing decision that disagrees with the register, and says what to change:
 * the second organisation's register with the reference organisation's routing decision.
 */
class RoutingAgreesWithTheRegisterTest {

    @Test
    void aRoutingDecisionThatDisagreesWithTheRegisterStopsTheStartAndSaysWhatToFix() {
        Throwable cause = startupCheckFailure("classpath:bpmn/department-routing.dmn");
        assertThat(cause).as("the start-up check's failure").isNotNull();
        assertThat(cause.getMessage())
                .contains("an access request about 'customer' at site NL goes to []; the register says [accounts, shop] (add [accounts, shop])")
                .contains("a MARKETING_OBJECTION request at site NL goes to 'marketing', which is not a department of the register");
    }

    /**
     * Every request type is asked for every category and site, by its own rules: a type that reaches no
     * department for a category a department holds stops the start, named with the category and site;
     * an objection is asked only for the categories open to objection (fietsen: repairs, not customer).
     */
    @Test
    void aTypeThatReachesNoDepartmentStopsTheStartNamingTypeCategoryAndSite() {
        Throwable cause = startupCheckFailure("classpath:organisations/fietsen/department-routing-types-forgotten.dmn");
        assertThat(cause).as("the start-up check's failure").isNotNull();
        assertThat(cause.getMessage())
                .contains("a PORTABILITY request about 'customer' at site NL reaches no department; the register says [accounts, shop] hold it")
                .contains("a PORTABILITY request about 'repairs' at site NL reaches no department")
                .contains("an OBJECTION request about 'repairs' at site NL reaches no department; the register says [accounts, workshop] hold it")
                .doesNotContain("an OBJECTION request about 'customer'")
                .doesNotContain("an ACCESS request about")
                .doesNotContain("an ERASURE request about");
    }

    private static Throwable startupCheckFailure(String routing) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(DsrFlowApplication.class)
                .profiles("it")
                // An engine name of its own: it must not replace, in Camunda's registry, the engine of
                // another test's context that may still be cached in this JVM.
                .run("--server.port=0", "--camunda.bpm.process-engine-name=routingcheck",
                        "--dsr.register-location=classpath:organisations/fietsen/processing-register.yaml",
                        "--dsr.routing-location=" + routing,
                        // The register's systems need their environment values to start (no connection is made).
                        "--FIETSEN_CRM_URL=jdbc:postgresql://localhost:25432/crm", "--FIETSEN_CRM_USER=fietsen",
                        "--FIETSEN_CRM_PASSWORD=unused", "--FIETSEN_REPAIRS_URL=http://localhost:28089",
                        "--FIETSEN_REPAIRS_AUTH=unused")
                .close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StartupCheckException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
