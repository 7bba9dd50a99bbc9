package org.dsrflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of bpmn/department-routing.dmn, evaluated by Camunda's DMN engine (FEEL). */
class DepartmentRoutingDecisionTest {

    static final List<String> ALL = List.of("contact", "identification", "transaction", "communication", "digital", "health");

    private static DmnEngine dmn;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream xml = DepartmentRoutingDecisionTest.class.getResourceAsStream("/bpmn/department-routing.dmn")) {
            decision = dmn.parseDecision("department-routing", xml);
        }
    }

    static List<Object> departments(String type, List<String> categories, String site) {
        return dmn.evaluateDecisionTable(decision, Variables.createVariables()
                        .putValue("type", type).putValue("categories", categories).putValue("site", site))
                .collectEntries("department");
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("sales", List.of("contact"), List.of("identification"), List.of("transaction")),
                Arguments.of("marketing", List.of("contact"), List.of("communication"), List.of("digital")),
                Arguments.of("support", List.of("contact"), List.of("transaction"), List.of("communication")),
                Arguments.of("training", List.of("identification"), List.of("transaction"), List.of("health")),
                Arguments.of("events", List.of("identification"), List.of("transaction"), List.of("health")),
                Arguments.of("webdigital", List.of("digital"), List.of("communication"), List.of("communication")),
                Arguments.of("finance", List.of("contact"), List.of("transaction"), List.of("transaction")));
    }

    @ParameterizedTest(name = "{0} acts on access and erasure for {1}, {2}, {3}")
    @MethodSource("rules")
    void departmentRuleMatchesEachOfItsCategories(String department, List<String> first, List<String> second,
                                                  List<String> third) {
        for (List<String> categories : List.of(first, second, third)) {
            assertThat(departments("ACCESS", categories, "SE")).contains(department);
            assertThat(departments("ERASURE", categories, "GB")).contains(department);
        }
    }

    @Test
    void departmentRuleDoesNotMatchOtherCategories() {
        assertThat(departments("ACCESS", List.of("health"), "SE")).containsExactlyInAnyOrder("training", "events");
        assertThat(departments("ACCESS", List.of("digital"), "SE")).containsExactlyInAnyOrder("marketing", "webdigital");
    }

    @Test
    void allCategoriesReachEveryDepartmentOnce() {
        assertThat(departments("ACCESS", ALL, "INT")).containsExactlyInAnyOrder(
                "sales", "marketing", "support", "training", "events", "webdigital", "finance");
    }

    /** The type cells name only the exception: every type, one added after this table too, routes by category. */
    @Test
    void everyTypeButTheMarketingObjectionRoutesByCategoryAlsoOneTheTableDoesNotName() {
        for (org.dsrflow.request.RequestType type : org.dsrflow.request.RequestType.values()) {
            if (!departments(type.name(), ALL, "SE").equals(List.of("marketing"))) {
                assertThat(departments(type.name(), List.of("health"), "SE")).as(type.name()).containsExactlyInAnyOrder("training", "events");
            }
        }
        assertThat(departments("A_TYPE_ADDED_LATER", List.of("health"), "SE")).containsExactlyInAnyOrder("training", "events");
        assertThat(departments("A_TYPE_ADDED_LATER", ALL, "FI")).containsExactlyInAnyOrder(
                "sales", "marketing", "support", "training", "events", "webdigital", "finance");
    }

    @Test
    void marketingObjectionGoesToMarketingOnly() {
        assertThat(departments("MARKETING_OBJECTION", ALL, "NO")).containsExactly("marketing");
        assertThat(departments("MARKETING_OBJECTION", List.of("health"), "DK")).containsExactly("marketing");
    }
}
