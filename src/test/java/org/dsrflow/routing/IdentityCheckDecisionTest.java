package org.dsrflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every rule of bpmn/identity-check.dmn. */
class IdentityCheckDecisionTest {

    private static DmnEngine dmn;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream xml = IdentityCheckDecisionTest.class.getResourceAsStream("/bpmn/identity-check.dmn")) {
            decision = dmn.parseDecision("identity-check", xml);
        }
    }

    /** The reference register marks health special (processing-register.yaml). */
    static String check(String type, List<String> categories, boolean onBehalf) {
        return check(type, categories.contains("health"), onBehalf);
    }

    static String check(String type, Boolean specialCategory, boolean onBehalf) {
        return dmn.evaluateDecisionTable(decision, Variables.createVariables().putValue("type", type)
                .putValue("specialCategory", specialCategory).putValue("onBehalf", onBehalf)).getSingleEntry();
    }

    @Test
    void aRequestWhoseSpecialCategoriesAreNotKnownIsCheckedManually() {
        assertThat(check("ACCESS", (Boolean) null, false)).isEqualTo("manual");
    }

    @Test
    void marketingObjectionNeedsOnlyTheConfirmedEmailEvenForHealthData() {
        assertThat(check("MARKETING_OBJECTION", List.of("health"), true)).isEqualTo("email");
    }

    @Test
    void someoneActingOnTheRequestersBehalfIsCheckedManually() {
        assertThat(check("ACCESS", List.of("contact"), true)).isEqualTo("manual");
    }

    @Test
    void healthDataIsCheckedManually() {
        assertThat(check("ERASURE", List.of("contact", "health"), false)).isEqualTo("manual");
    }

    @Test
    void otherwiseTheConfirmedEmailSuffices() {
        assertThat(check("ACCESS", List.of("contact", "digital"), false)).isEqualTo("email");
    }
}
