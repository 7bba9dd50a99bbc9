package org.dsrflow.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.ProcessingRegisterSource;
import org.dsrflow.config.Register;
import org.dsrflow.config.StartupCheckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * What the organisation brings to the engine, deployed at start-up in one deployment (skipped when
 * nothing changed, Camunda's duplicate filter): its routing decision ({@code dsr.routing-location},
 * else {@code ./config/department-routing.dmn}, else the reference organisation's
 * {@code bpmn/department-routing.dmn}) and the forms generated from the register
 * ({@link FormsFromRegister}). Then start-up checks that the routing decision and the register
 * agree: for every category and site, an access request goes to exactly the departments the
 * register says hold the category, and every department the decision names exists.
 */
@Component
class OrganisationDeployment implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OrganisationDeployment.class);
    static final String DEPLOYMENT = "dsr-flow organisation";
    static final String BESIDE = "config/department-routing.dmn";
    static final String SHIPPED = "bpmn/department-routing.dmn";

    private final RepositoryService repository;
    private final DecisionService decisions;
    private final Register register;
    private final DsrProperties.Organisation organisation;
    private final String routingLocation;

    OrganisationDeployment(RepositoryService repository, DecisionService decisions, Register register, DsrProperties properties,
                           @Value("${dsr.routing-location:}") String routingLocation) {
        this.repository = repository;
        this.decisions = decisions;
        this.register = register;
        this.organisation = properties.organisation();
        this.routingLocation = routingLocation;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Resource routing = routing(routingLocation);
        var deployment = repository.createDeployment().name(DEPLOYMENT).source("dsr-flow").enableDuplicateFiltering(false);
        try (InputStream in = routing.getInputStream()) {
            deployment.addInputStream("department-routing.dmn", in);
            FormsFromRegister.generateAll(register).forEach(deployment::addString);
            deployment.deploy();
        }
        log.info("Routing decision from {}", routing.getDescription());
        List<String> problems = routingProblems();
        if (!problems.isEmpty()) {
            throw new StartupCheckException("The routing decision (" + routing.getDescription()
                    + ") and the processing register disagree:\n  - " + String.join("\n  - ", problems),
                    "Edit the decision in Camunda Modeler (or the register's categories' departments) until they agree, and start again.");
        }
    }

    static Resource routing(String location) {
        return ProcessingRegisterSource.organisationFile("dsr.routing-location", location, BESIDE, SHIPPED);
    }

    /** What is wrong with the deployed routing decision, measured against the register. */
    List<String> routingProblems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, DsrProperties.Category> category : organisation.categories().entrySet()) {
            Set<String> expected = new TreeSet<>(category.getValue().departments());
            for (String site : organisation.sites().keySet()) {
                Set<String> routed = route("ACCESS", List.of(category.getKey()), site, problems);
                if (!routed.equals(expected)) {
                    Set<String> missing = new TreeSet<>(expected);
                    missing.removeAll(routed);
                    Set<String> extra = new TreeSet<>(routed);
                    extra.removeAll(expected);
                    problems.add("an access request about '" + category.getKey() + "' at site " + site + " goes to " + routed
                            + "; the register says " + expected
                            + (missing.isEmpty() ? "" : " (add " + missing + ")") + (extra.isEmpty() ? "" : " (remove " + extra + ")"));
                }
            }
        }
        for (String site : organisation.sites().keySet()) {
            route("MARKETING_OBJECTION", organisation.categoryIds(), site, problems);
        }
        return problems.stream().distinct().toList();
    }

    private Set<String> route(String type, List<String> categories, String site, List<String> problems) {
        DmnDecisionTableResult result = decisions.evaluateDecisionTableByKey(DataSubjectRequestProcess.ROUTING_DECISION_KEY,
                Variables.createVariables().putValue("type", type).putValue("categories", categories).putValue("site", site));
        Set<String> routed = new TreeSet<>();
        result.collectEntries("department").forEach(department -> {
            String id = String.valueOf(department);
            if (!organisation.departments().containsKey(id)) {
                problems.add("a " + type + " request at site " + site + " goes to '" + id + "', which is not a department of the register");
            }
            routed.add(id);
        });
        return routed;
    }
}
