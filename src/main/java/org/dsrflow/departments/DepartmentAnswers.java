package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.intake.RequestType;

/**
 * The rules a department's answer must follow, checked on the server as well (a form can be
 * bypassed through the REST API), and the outcome it amounts to.
 */
public final class DepartmentAnswers {

    private DepartmentAnswers() {
    }

    /** Problems with the answer; empty when it is complete. */
    public static List<String> problems(RequestType type, JsonNode answer, List<String> heldCategories,
                                        DsrProperties.Department department) {
        List<String> problems = new ArrayList<>();
        switch (type) {
            case ACCESS -> {
                String found = answer.path("found").asText("");
                if (!Set.of("yes", "no").contains(found)) {
                    problems.add("say whether you found data about the person (found: yes or no)");
                }
            }
            case ERASURE -> {
                Set<String> rules = department.retentionRules().stream().map(DsrProperties.RetentionRule::id)
                        .collect(Collectors.toSet());
                for (String category : heldCategories) {
                    JsonNode entry = answer.path(category);
                    String action = entry.path("action").asText("");
                    if (!Set.of("erased", "retained", "none").contains(action)) {
                        problems.add(category + ": say what you did (erased, retained or none)");
                    } else if (action.equals("retained")) {
                        if (!rules.contains(entry.path("rule").asText(""))) {
                            problems.add(category + ": choose one of your department's retention reasons " + rules);
                        }
                        if (entry.path("kept").asText("").isBlank()) {
                            problems.add(category + ": say what you keep");
                        }
                        if (!isDate(entry.path("until").asText(""))) {
                            problems.add(category + ": say until when you keep it (YYYY-MM-DD)");
                        }
                    }
                }
                if (answer.path("recipients").asText("").isBlank()) {
                    problems.add("name the recipients you told about the erasure (Art. 19), or write 'none'");
                }
            }
            case MARKETING_OBJECTION -> {
                if (!answer.path("channels").isArray() || answer.path("channels").isEmpty()) {
                    problems.add("say in which channels you stopped marketing (or 'none')");
                }
            }
        }
        return problems;
    }

    /** DONE when the department held data (access) or acted on it (erasure, marketing). */
    public static DepartmentOutcome outcome(RequestType type, JsonNode answer, List<String> heldCategories) {
        boolean done = switch (type) {
            case ACCESS -> "yes".equals(answer.path("found").asText());
            case ERASURE -> heldCategories.stream()
                    .map(category -> answer.path(category).path("action").asText())
                    .anyMatch(action -> action.equals("erased") || action.equals("retained"));
            case MARKETING_OBJECTION -> {
                List<String> channels = new ArrayList<>();
                answer.path("channels").forEach(channel -> channels.add(channel.asText()));
                yield channels.stream().anyMatch(channel -> !channel.equals("none"));
            }
        };
        return done ? DepartmentOutcome.DONE : DepartmentOutcome.NOTHING_FOUND;
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
