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
import org.dsrflow.request.RequestType;
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
 * agree: for every request type, category and site a department is reached where the register says
 * one holds the category, an access request goes to exactly those departments, and every department
 * the decision names exists.
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
                    "Edit the decision in Camunda Modeler (or the register's categories' departments) until they agree, and start again."
                    + " A type cell that lists the types one by one misses a new type: name only the exceptions, with not(...) for every other type, as the shipped decision does.");
        }
    }

    static Resource routing(String location) {
        return ProcessingRegisterSource.organisationFile("dsr.routing-location", location, BESIDE, SHIPPED);
    }

    /**
     * What is wrong with the deployed routing decision, measured against the register: every request type
     * is asked for every category it brings to the departments (portability the portable ones, an objection
     * those open to objection) and every site, and must reach a department where the register says one holds
     * the category; an access request (Art. 15: all data held) must reach exactly the departments that hold it.
     */
    List<String> routingProblems() {
        List<String> problems = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            for (Map.Entry<String, DsrProperties.Category> category : organisation.categories().entrySet()) {
                Set<String> expected = new TreeSet<>(category.getValue().departments());
                if (!RoutedCategories.covers(type, organisation, category.getValue())) {
                    continue;
                }
                for (String site : organisation.sites().keySet()) {
                    Set<String> routed = route(type, List.of(category.getKey()), site, problems);
                    if (type == RequestType.ACCESS && !routed.equals(expected)) {
                        Set<String> missing = new TreeSet<>(expected);
                        missing.removeAll(routed);
                        Set<String> extra = new TreeSet<>(routed);
                        extra.removeAll(expected);
                        problems.add("an access request about '" + category.getKey() + "' at site " + site + " goes to " + routed
                                + "; the register says " + expected
                                + (missing.isEmpty() ? "" : " (add " + missing + ")") + (extra.isEmpty() ? "" : " (remove " + extra + ")"));
                    } else if (routed.isEmpty() && !expected.isEmpty()) {
                        problems.add(withArticle(type) + " request about '" + category.getKey() + "' at site " + site
                                + " reaches no department; the register says " + expected + " hold it");
                    }
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    private static String withArticle(RequestType type) {
        return ("AEIOU".indexOf(type.name().charAt(0)) >= 0 ? "an " : "a ") + type.name();
    }

    private Set<String> route(RequestType type, List<String> categories, String site, List<String> problems) {
        DmnDecisionTableResult result = decisions.evaluateDecisionTableByKey(DataSubjectRequestProcess.ROUTING_DECISION_KEY,
                Variables.createVariables().putValue(DataSubjectRequestProcess.Variables.TYPE.name(), DataSubjectRequestProcess.Variables.TYPE.toEngine(type))
                        .putValue(DataSubjectRequestProcess.Variables.CATEGORIES.name(), categories)
                        .putValue(DataSubjectRequestProcess.Variables.SITE.name(), site));
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
