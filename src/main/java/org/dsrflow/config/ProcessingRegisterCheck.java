package org.dsrflow.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Checks what field validation cannot: that the processing register refers only to departments it
 * defines and that department keys can be Camunda groups. Start-up fails with the list of problems.
 */
@Component
class ProcessingRegisterCheck implements InitializingBean {

    private final DsrProperties properties;

    ProcessingRegisterCheck(DsrProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems(properties.organisation());
        if (!problems.isEmpty()) {
            throw new StartupCheckException("The processing register (dsr.organisation) is invalid:\n  - "
                    + String.join("\n  - ", problems),
                    "Correct config/processing-register.yaml (or the shipped processing-register.yaml) and start again.");
        }
    }

    static List<String> problems(DsrProperties.Organisation organisation) {
        List<String> problems = new ArrayList<>();
        organisation.departments().keySet().stream()
                .filter(id -> !id.matches("[A-Za-z0-9]+"))
                .forEach(id -> problems.add("department key '" + id + "' must contain only letters and digits (it is a Camunda group)"));
        organisation.categories().forEach((id, category) -> category.departments().stream()
                .filter(department -> !organisation.departments().containsKey(department))
                .forEach(department -> problems.add("category '" + id + "' names the unknown department '" + department + "'")));
        organisation.departments().forEach((id, department) -> department.retentionRules().stream()
                .filter(rule -> rule.periodBySite() != null)
                .flatMap(rule -> rule.periodBySite().keySet().stream())
                .filter(site -> !organisation.sites().containsKey(site))
                .forEach(site -> problems.add("a retention rule of '" + id + "' names the unknown site '" + site + "'")));
        return problems;
    }
}
