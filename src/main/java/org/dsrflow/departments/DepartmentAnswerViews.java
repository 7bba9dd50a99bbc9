package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.Register;
import org.springframework.stereotype.Component;

/**
 * Each department's answer as staff read it (the compiled answer, the request page): who answered
 * and when, found nothing or what it found and did, per category, and its notes for the privacy team
 * (never sent to the requester). Read from {@code dsr_department_result}; the texts stay escaped in
 * the pages (Thymeleaf th:text).
 */
@Component
public class DepartmentAnswerViews {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Labels of the answer's keys ({@link DepartmentAnswer}), in the staff language (English). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(DepartmentAnswer.FOUND, "Found data about the person"),
            Map.entry(DepartmentAnswer.DATA, "What we hold"),
            Map.entry(DepartmentAnswer.SOURCE, "Where it came from"),
            Map.entry(DepartmentAnswer.ACTION, "What was done"),
            Map.entry(DepartmentAnswer.RULE, "Retention rule"),
            Map.entry(DepartmentAnswer.KEPT, "What is kept"),
            Map.entry(DepartmentAnswer.UNTIL, "Kept until"),
            Map.entry(DepartmentAnswer.CORRECTION, "Correction"),
            Map.entry(DepartmentAnswer.REASON, "Reason"),
            Map.entry(DepartmentAnswer.HOW, "How"),
            Map.entry(DepartmentAnswer.RECIPIENTS, "Recipients told"),
            Map.entry(DepartmentAnswer.CHANNELS, "Channels stopped"),
            // Art. 17(2): erasing data we made public
            Map.entry(DepartmentAnswer.PUBLICATION, "Others who process the published data (Art. 17(2))"),
            Map.entry(DepartmentAnswer.PUBLICATION_STEPS, "Steps taken to inform them"));

    /** Art. 17(2): the department's choice as staff read it. */
    private static final Map<String, String> PUBLICATION_VALUES = Map.of(
            DepartmentAnswer.Publication.informed.name(), "Informed those who republished it or link to it",
            DepartmentAnswer.Publication.checked.name(), "Checked: no one else republished it or links to it",
            DepartmentAnswer.Publication.unpublished.name(), "None of this person's data in it was published");

    private final DepartmentResultRepository results;
    private final DepartmentReturns returns;
    private final Register register;

    DepartmentAnswerViews(DepartmentResultRepository results, DepartmentReturns returns, Register register) {
        this.results = results;
        this.returns = returns;
        this.register = register;
    }

    /** One line of an answer: the category it is about (blank for the whole answer), what, and the text. */
    public record Line(String category, String label, String value) {
    }

    /** A department's answer: {@code nothingFound} when it holds nothing about the person. */
    public record View(String department, String departmentName, boolean nothingFound, String completedBy,
                       String completedAt, String notes, List<Line> lines) {
    }

    /** A returned answer: to whom, why, by whom and when, and the answer as it was. */
    public record ReturnView(String department, String departmentName, String comment, String returnedBy,
                             String returnedAt, List<Line> returnedLines) {
    }

    /** Every department's answer to the request, by department. */
    public List<View> of(long requestId) {
        return results.findByRequest(requestId).stream()
                .map(result -> new View(result.department(), register.forStaff().departmentName(result.department()),
                        result.outcome() == DepartmentOutcome.NOTHING_FOUND, result.completedBy(),
                        time(result.completedAt()), text(result.details().path(DepartmentAnswer.NOTES)),
                        lines(result.details())))
                .toList();
    }

    /** Every return of an answer to a department, oldest first. */
    public List<ReturnView> returns(long requestId) {
        return returns.findByRequest(requestId).stream()
                .map(returned -> new ReturnView(returned.department(), register.forStaff().departmentName(returned.department()),
                        returned.comment(), returned.returnedBy(), time(returned.returnedAt()), withNotes(returned.returnedAnswer())))
                .toList();
    }

    /** All of a (returned) answer, its notes for the privacy team last. */
    private List<Line> withNotes(JsonNode answer) {
        List<Line> lines = lines(answer);
        String notes = text(answer.path(DepartmentAnswer.NOTES));
        if (notes != null) {
            lines.add(new Line("", "Notes for the privacy team", notes));
        }
        return lines;
    }

    /** The answer's fields as lines, the notes left out (they are shown on their own); blank values left out. */
    List<Line> lines(JsonNode answer) {
        List<Line> lines = new ArrayList<>();
        answer.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (DepartmentAnswer.NOTES.equals(key)) {
                return;
            }
            if (value.isObject()) {
                String category = categoryName(key);
                value.fields().forEachRemaining(inner -> {
                    String text = text(inner.getValue());
                    if (DepartmentAnswer.PUBLICATION.equals(inner.getKey()) && text != null) {
                        text = PUBLICATION_VALUES.getOrDefault(text, text);
                    }
                    if (text != null) {
                        lines.add(new Line(category, LABELS.getOrDefault(inner.getKey(), inner.getKey()), text));
                    }
                });
            } else {
                String text = text(value);
                if (text != null) {
                    lines.add(new Line("", LABELS.getOrDefault(key, key), text));
                }
            }
        });
        return lines;
    }

    private String categoryName(String id) {
        try {
            return register.forStaff().category(id).name();
        } catch (RuntimeException unknown) {
            return id; // a category the register no longer knows: its id
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return items.isEmpty() ? null : String.join(", ", items);
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isBlank() ? null : text;
    }

    static String time(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
