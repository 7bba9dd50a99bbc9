package org.dsrflow.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.intake.DsrRequest;
import org.springframework.stereotype.Component;

/**
 * Compiles the departments' answers and the processing register into the {@link Answer}: the
 * Art. 15 items for every category in which data was found, the erased and retained items with
 * their legal basis and period, the recipients told of the erasure, the marketing channels stopped.
 */
@Component
public class AnswerBuilder {

    static final List<String> RIGHTS = List.of(
            "to have inaccurate data corrected (rectification, GDPR Art. 16)",
            "to have your data erased (Art. 17)",
            "to have the processing restricted (Art. 18)",
            "to object to processing based on our legitimate interests, and to direct marketing at any time (Art. 21)",
            "to receive your data in a machine-readable format (data portability, Art. 20)",
            "to withdraw consent at any time, where we rely on consent (Art. 7(3))",
            "to lodge a complaint with a supervisory authority (Art. 77) and to seek a judicial remedy (Art. 79)");

    private final DepartmentResultRepository results;
    private final DsrProperties properties;

    AnswerBuilder(DepartmentResultRepository results, DsrProperties properties) {
        this.results = results;
        this.properties = properties;
    }

    public Answer build(DsrRequest request, LocalDate answeredOn, String partialRefusal) {
        DsrProperties.Organisation organisation = properties.organisation();
        DsrProperties.Site site = properties.site(request.site());
        List<DepartmentResult> answers = results.findByRequest(request.id());
        List<Answer.CategorySection> sections = new ArrayList<>();
        List<Answer.ErasureItem> erased = new ArrayList<>();
        List<Answer.RetainedItem> retained = new ArrayList<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> channels = new LinkedHashSet<>();
        for (String categoryId : request.categories()) {
            DsrProperties.Category category = organisation.categories().get(categoryId);
            if (category == null) {
                continue;
            }
            List<Answer.Finding> findings = new ArrayList<>();
            for (DepartmentResult result : answers) {
                JsonNode entry = result.details().path(categoryId);
                String department = departmentName(result.department());
                if (!entry.path("data").asText("").isBlank()) {
                    findings.add(new Answer.Finding(department, entry.path("data").asText(),
                            blankToNull(entry.path("source").asText(""))));
                }
                switch (entry.path("action").asText("")) {
                    case "erased" -> erased.add(new Answer.ErasureItem(department, category.name()));
                    case "retained" -> retained.add(retainedItem(result, entry, category, request.site()));
                    default -> { }
                }
            }
            if (!findings.isEmpty()) {
                sections.add(new Answer.CategorySection(categoryId, category.name(), category.description(),
                        category.purposes(), category.legalBasis(), category.recipients(), category.retention(),
                        category.source(), category.specialCategory(), findings));
            }
        }
        for (DepartmentResult result : answers) {
            String told = result.details().path("recipients").asText("");
            if (!told.isBlank() && !told.equalsIgnoreCase("none")) {
                recipients.add(departmentName(result.department()) + ": " + told);
            }
            result.details().path("channels").forEach(channel -> {
                if (!channel.asText().equals("none")) {
                    channels.add(channel.asText());
                }
            });
        }
        return new Answer(request.reference(), request.type().name(), organisation.name(), organisation.contact(),
                request.receivedOn(), answeredOn, new Answer.Authority(site.authority(),
                site.authorityUrl() == null ? null : site.authorityUrl().toString()),
                !sections.isEmpty(), sections, organisation.automatedDecisions(), organisation.transfers(), RIGHTS,
                erased, retained, List.copyOf(recipients), List.copyOf(channels), blankToNull(partialRefusal));
    }

    private Answer.RetainedItem retainedItem(DepartmentResult result, JsonNode entry, DsrProperties.Category category,
                                             String site) {
        String ruleId = entry.path("rule").asText("");
        DsrProperties.RetentionRule rule = properties.organisation().department(result.department()).retentionRules()
                .stream().filter(candidate -> candidate.id().equals(ruleId)).findFirst().orElse(null);
        String until = entry.path("until").asText("");
        return new Answer.RetainedItem(departmentName(result.department()), category.name(), entry.path("kept").asText(""),
                rule == null ? ruleId : rule.label(), rule == null ? null : rule.legalBasis(),
                rule == null ? null : rule.periodFor(site),
                until.length() >= 10 ? LocalDate.parse(until.substring(0, 10)) : null);
    }

    private String departmentName(String id) {
        DsrProperties.Department department = properties.organisation().departments().get(id);
        return department == null ? id : department.name();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
