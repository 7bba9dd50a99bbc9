package org.dsrflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped processing register: it binds, passes the start-up check, and agrees with the routing
 * decision (every category reaches exactly the departments the register says hold it).
 */
class ProcessingRegisterTest {

    static DsrProperties.Organisation shipped() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("register",
                new ClassPathResource("processing-register.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        return Binder.get(environment).bind("dsr.organisation", DsrProperties.Organisation.class).get();
    }

    @Test
    void shippedRegisterIsValid() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        assertThat(ProcessingRegisterCheck.problems(organisation)).isEmpty();
        assertThat(organisation.categories().keySet())
                .containsExactly("contact", "identification", "transaction", "communication", "digital", "health");
        assertThat(organisation.category("health").specialCategory()).isTrue();
        assertThat(organisation.sites()).containsKeys("SE", "NO", "DK", "FI", "GB", "INT");
        assertThat(organisation.department("finance").retentionRules().get(0).periodFor("DK")).contains("5 years");
        assertThat(organisation.department("finance").retentionRules().get(0).periodFor("SE")).contains("7th year");
    }

    @Test
    void routingDecisionSendsEachCategoryToTheDepartmentsThatHoldIt() throws Exception {
        DsrProperties.Organisation organisation = shipped();
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision routing;
        try (InputStream xml = getClass().getResourceAsStream("/bpmn/department-routing.dmn")) {
            routing = dmn.parseDecision("department-routing", xml);
        }
        for (Map.Entry<String, DsrProperties.Category> category : organisation.categories().entrySet()) {
            List<Object> departments = dmn.evaluateDecisionTable(routing, Variables.createVariables()
                    .putValue("type", "ACCESS").putValue("categories", List.of(category.getKey())).putValue("site", "SE"))
                    .collectEntries("department");
            assertThat(departments).as(category.getKey())
                    .containsExactlyInAnyOrderElementsOf(category.getValue().departments());
        }
    }

    @Test
    void unknownDepartmentsSitesAndBadGroupKeysAreReported() throws Exception {
        DsrProperties.Organisation shipped = shipped();
        DsrProperties.Category contact = shipped.category("contact");
        DsrProperties.Organisation broken = new DsrProperties.Organisation(shipped.name(), shipped.contact(),
                shipped.automatedDecisions(), shipped.transfers(),
                Map.of("contact", new DsrProperties.Category(contact.name(), contact.description(), contact.purposes(),
                        contact.legalBasis(), contact.recipients(), contact.retention(), contact.source(),
                        List.of("sales", "legal"), false)),
                shipped.sites(),
                Map.of("sales", shipped.department("sales"),
                        "web-digital", new DsrProperties.Department("Web", "web@example.org", List.of(
                                new DsrProperties.RetentionRule("logs", "Logs", "Art. 6(1)(f)", "90 days", Map.of("US", "1 year"))))));
        assertThat(ProcessingRegisterCheck.problems(broken)).containsExactlyInAnyOrder(
                "department key 'web-digital' must contain only letters and digits (it is a Camunda group)",
                "category 'contact' names the unknown department 'legal'",
                "a retention rule of 'web-digital' names the unknown site 'US'");
    }
}
