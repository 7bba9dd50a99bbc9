package org.dsrflow.departments;

import static org.dsrflow.process.DataSubjectRequestProcess.Variables.CATEGORIES;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.DEPARTMENTS;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_COMMENT;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.RETURN_TO;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.REVIEW_DECISION;
import static org.dsrflow.process.DataSubjectRequestProcess.Variables.SITE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.PublicLinks;
import org.springframework.stereotype.Component;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a department's task form needs, computed from the processing register when the task is
 * created ({@code ${departmentWork...}} input mappings): which form, which of the request's
 * categories the department holds, the retention reasons it may invoke, and for the review the
 * departments a task can be returned to and the link to the compiled answer. Plain lists and maps
 * (stored as JSON), which the REST API and Tasklist's forms read as arrays and objects.
 */
@Component("departmentWork")
public class DepartmentWork {

    private final DsrProperties properties;
    private final org.dsrflow.config.Register register;
    private final DepartmentResultRepository results;
    private final ObjectMapper json;
    private final PublicLinks links;

    DepartmentWork(DsrProperties properties, org.dsrflow.config.Register register, DepartmentResultRepository results,
                   ObjectMapper json, PublicLinks links) {
        this.properties = properties;
        this.register = register;
        this.results = results;
        this.json = json;
        this.links = links;
    }

    /**
     * Whether the privacy team weighs, per purpose, compelling grounds against the request (a type that
     * {@link org.dsrflow.request.RequestType#weighsCompellingGrounds()}, Art. 21(1)) before the review: only
     * when a department stopped processing for a purpose open to objection.
     */
    public boolean purposesToWeigh(DelegateExecution execution) {
        return org.dsrflow.process.DataSubjectRequestProcess.Variables.TYPE.from(execution).weighsCompellingGrounds()
                && !objectedPurposes(execution).isEmpty();
    }

    /**
     * Objection (Art. 21(1)): the purposes open to objection of the categories a department stopped
     * processing for; the privacy team decides on each.
     */
    public List<String> objectedPurposes(DelegateExecution execution) {
        java.util.Set<String> purposes = new java.util.LinkedHashSet<>();
        for (DepartmentResult result : results.findByRequest(org.dsrflow.process.DataSubjectRequestProcess.Variables.REQUEST_ID.from(execution))) {
            for (String category : CATEGORIES.from(execution)) {
                if (properties.organisation().categories().containsKey(category) && result.answer().category(category).action()
                        .filter(DepartmentAnswer.Action.stopped::equals).isPresent()) {
                    properties.organisation().category(category).purposes().stream()
                            .filter(properties.organisation()::objectable).forEach(purposes::add);
                }
            }
        }
        return new ArrayList<>(purposes);
    }

    /** The request's categories that the register says this department holds. */
    public List<String> categoriesFor(DelegateExecution execution, String department) {
        List<String> held = CATEGORIES.from(execution).stream()
                .filter(category -> properties.organisation().categories().containsKey(category))
                .filter(category -> properties.organisation().category(category).departments().contains(department))
                .toList();
        return new ArrayList<>(held);
    }

    /** The same categories by their names, for staff (the organisation's first language): "Contact details, Transactions". */
    public String categoryNames(DelegateExecution execution, String department) {
        List<String> names = categoriesFor(execution, department).stream()
                .map(category -> register.forStaff().category(category).name())
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The department's retention rules as select options, with the site's period in the label. */
    public List<Map<String, String>> retentionOptions(DelegateExecution execution, String department) {
        String site = SITE.from(execution);
        List<Map<String, String>> options = register.forStaff().retentionRules(department, site).stream()
                .map(rule -> option(rule.id(), rule.label() + " — " + rule.period()))
                .toList();
        return new ArrayList<>(options);
    }

    /**
     * The parties dsr-flow can ask to do the same (Art. 19: recipients with a contact in the register) of the categories
     * this department works on in this request, as checklist options: "Our website hosting partner (Digital)". A party
     * that is no recipient of these categories is not offered (and refused if named: {@link DepartmentAnswers#unknownParties}).
     */
    public List<Map<String, String>> partyOptions(DelegateExecution execution, String department) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        Map<String, List<String>> categories = new java.util.LinkedHashMap<>();
        for (String id : categoriesFor(execution, department)) {
            org.dsrflow.config.Register.Category category = register.forStaff().category(id);
            for (org.dsrflow.config.Register.Recipient recipient : category.recipients()) {
                if (recipient.contact() != null && !recipient.contact().isBlank()) {
                    names.put(recipient.id(), recipient.name());
                    categories.computeIfAbsent(recipient.id(), party -> new ArrayList<>()).add(category.name());
                }
            }
        }
        List<Map<String, String>> options = new ArrayList<>();
        names.forEach((id, name) -> options.add(option(id, name + " (" + String.join(", ", categories.get(id)) + ")")));
        return options;
    }

    /**
     * After the routing decision: keeps the departments picked as a plain list. An empty decision result is
     * mapped to {@code Collections.emptyList()}, which is stored as such and cannot be deserialized again
     * (an objection that reaches no department would break its next review).
     */
    public void keepRouting(DelegateExecution execution) {
        List<String> routed = DEPARTMENTS.optionalFrom(execution);
        DEPARTMENTS.set(execution, routed == null ? new ArrayList<>() : new ArrayList<>(routed));
    }

    /** The departments that worked on the request, as select options for "return to department". */
    public List<Map<String, String>> returnOptions(DelegateExecution execution) {
        List<Map<String, String>> options = DEPARTMENTS.from(execution).stream()
                .map(id -> option(id, register.forStaff().departmentName(id)))
                .toList();
        return new ArrayList<>(options);
    }

    /**
     * A new, empty answer. It must not be null: Tasklist submits a form value with the type of the
     * variable it was given, and an object variable takes the form's nested answer.
     */
    public Map<String, Object> emptyAnswer() {
        return new LinkedHashMap<>();
    }

    /** A returned department starts from its earlier answer. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> previousAnswer(DelegateExecution execution, String department) {
        return results.findByRequest(REQUEST_ID.from(execution)).stream()
                .filter(result -> result.department().equals(department))
                .findFirst()
                .map(result -> (Map<String, Object>) json.convertValue(result.details(), LinkedHashMap.class))
                .orElseGet(LinkedHashMap::new);
    }

    /** After a returned task is corrected, the review starts afresh: no decision is preselected. */
    public void clearReviewDecision(DelegateExecution execution) {
        // A standard refusal reason belongs to the decision that picked it, never to a later one.
        execution.removeVariables(List.of(REVIEW_DECISION.name(), RETURN_TO.name(), RETURN_COMMENT.name(),
                org.dsrflow.process.DataSubjectRequestProcess.Variables.REFUSAL_REASON.name()));
    }

    /** The staff page with the compiled answer (read-only), for the privacy review. */
    public String answerUrl(DelegateExecution execution) {
        return links.to("/staff/requests/" + execution.getProcessBusinessKey() + "/answer");
    }

    private static Map<String, String> option(String value, String label) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("value", value);
        option.put("label", label);
        return option;
    }
}
