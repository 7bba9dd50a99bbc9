package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.request.RequestType;

/**
 * The rules a department's answer must follow, checked on the server as well (a form can be
 * bypassed through the REST API), and the outcome it amounts to.
 */
public final class DepartmentAnswers {

    private DepartmentAnswers() {
    }

    /**
     * How far ahead a "kept until" date may lie: the longest retention laws (archives, medical records)
     * keep data for decades, not beyond a lifetime; a later date is a typing error (2205 for 2025).
     */
    static final int LONGEST_RETENTION_YEARS = 100;

    /**
     * Problems with the answer; empty when it is complete (an empty answer of any type has problems).
     * {@code today}: the day at the request's site.
     */
    public static List<String> problems(RequestType type, JsonNode json, List<String> heldCategories,
                                        DsrProperties.Department department, LocalDate today) {
        return problems(type, json, heldCategories, department, today, Set.of());
    }

    /** As above; {@code withRecords}: the categories the department's systems found records in that it kept. */
    public static List<String> problems(RequestType type, JsonNode json, List<String> heldCategories,
                                        DsrProperties.Department department, LocalDate today, Set<String> withRecords) {
        DepartmentAnswer answer = DepartmentAnswer.of(json);
        List<String> problems = new ArrayList<>(switch (type) {
            case ACCESS, PORTABILITY -> found(answer, heldCategories, withRecords);
            case RECTIFICATION -> rectification(answer, heldCategories);
            case ERASURE -> erasure(answer, heldCategories, department, today);
            case RESTRICTION -> restriction(answer, heldCategories);
            case OBJECTION -> objection(answer, heldCategories);
            case MARKETING_OBJECTION -> marketing(answer);
        });
        if (type.recipientsTold() && answer.recipients().isBlank()) {
            problems.add("name the recipients you told about the " + whatWasDone(type) + " (Art. 19), or write 'none'");
        }
        return problems;
    }

    /**
     * The parties ticked as having received this person's data that are not among {@code recipients} (the
     * register's recipients of the department's categories): each is refused, naming it, instead of being
     * silently never asked (Art. 19).
     */
    public static List<String> unknownParties(JsonNode json, java.util.Collection<String> recipients) {
        List<String> problems = new ArrayList<>();
        for (String party : DepartmentAnswer.of(json).disclosedTo()) {
            if (!recipients.contains(party)) {
                problems.add(DepartmentAnswer.DISCLOSED_TO + ": '" + party + "' is not a recipient of your categories in the register "
                        + new java.util.TreeSet<>(recipients));
            }
        }
        return problems;
    }

    /**
     * Art. 17(2): for each held category that the register marks as made public ({@code madePublic}) and that the
     * department erased, whether it informed others who process the published data and which steps it took; kept
     * or never-held data was not erased, so no one is to be told of an erasure.
     */
    public static List<String> publicationProblems(RequestType type, JsonNode json, List<String> heldCategories,
                                                   java.util.Collection<String> madePublic) {
        if (type != RequestType.ERASURE) {
            return List.of();
        }
        DepartmentAnswer answer = DepartmentAnswer.of(json);
        List<String> problems = new ArrayList<>();
        for (String category : heldCategories) {
            DepartmentAnswer.Category entry = answer.category(category);
            if (!madePublic.contains(category) || entry.action().filter(DepartmentAnswer.Action.erased::equals).isEmpty()) {
                continue;
            }
            if (entry.publication().isEmpty()) {
                problems.add(category + ": we made this data public: say whether you informed others who process it ("
                        + DepartmentAnswer.PUBLICATION + ": informed, checked or unpublished; GDPR Art. 17(2))");
            } else if (entry.publication().get() != DepartmentAnswer.Publication.unpublished && entry.publicationSteps().isBlank()) {
                problems.add(category + ": say which steps you took to inform others who process the published data, or where you checked ("
                        + DepartmentAnswer.PUBLICATION_STEPS + "; GDPR Art. 17(2))");
            }
        }
        return problems;
    }

    /**
     * Objection: compelling grounds given for a category the objection reaches only through purposes on the
     * person's consent ({@code onConsentOnly}). Objecting to those is withdrawing the consent (Art. 7(3)), which is
     * not weighed: the processing stops, whatever grounds we see.
     */
    public static List<String> groundsAgainstAWithdrawal(JsonNode json, java.util.Collection<String> onConsentOnly) {
        DepartmentAnswer answer = DepartmentAnswer.of(json);
        List<String> problems = new ArrayList<>();
        for (String category : onConsentOnly) {
            if (!answer.category(category).reason().isBlank()) {
                problems.add("answer." + category + "." + DepartmentAnswer.REASON + ": the person withdrew consent for these purposes;"
                        + " a withdrawal of consent (Art. 7(3)) is not weighed against compelling grounds: stop, and leave the grounds empty");
            }
        }
        return problems;
    }

    /** What the department did, in the words of the recipients' question. */
    private static String whatWasDone(RequestType type) {
        return switch (type) {
            case RECTIFICATION -> "correction";
            case ERASURE -> "erasure";
            case RESTRICTION -> "restriction";
            case ACCESS, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> "request";
        };
    }

    private static List<String> found(DepartmentAnswer answer, List<String> heldCategories, Set<String> withRecords) {
        if (!Set.of("yes", "no").contains(answer.found())) {
            return List.of("say whether you found data about the person (found: yes or no)");
        }
        if ("no".equals(answer.found()) && !withRecords.isEmpty()) {
            // The rows would still reach the requester: the department either confirms them or excludes them first.
            return List.of("your systems found records about the person in " + String.join(", ", withRecords)
                    + ": exclude each that is not this person's on the systems page, or answer found: yes");
        }
        if ("yes".equals(answer.found()) && heldCategories.stream()
                .allMatch(category -> answer.category(category).data().isBlank() && !withRecords.contains(category))) {
            // Otherwise the requester would read that we hold nothing about them.
            return List.of("you found data (found: yes) but described none: say what you found ("
                    + DepartmentAnswer.DATA + ") in at least one of " + heldCategories);
        }
        return List.of();
    }

    private static List<String> restriction(DepartmentAnswer answer, List<String> heldCategories) {
        List<String> problems = new ArrayList<>();
        for (String category : heldCategories) {
            DepartmentAnswer.Category entry = answer.category(category);
            if (entry.action().filter(Set.of(DepartmentAnswer.Action.restricted, DepartmentAnswer.Action.none)::contains).isEmpty()) {
                problems.add(category + ": say what you did (restricted or none)");
            } else if (entry.action().get() == DepartmentAnswer.Action.restricted && entry.how().isBlank()) {
                problems.add(category + ": say how the data is restricted");
            }
        }
        return problems;
    }

    private static List<String> objection(DepartmentAnswer answer, List<String> heldCategories) {
        List<String> problems = new ArrayList<>();
        for (String category : heldCategories) {
            if (answer.category(category).action()
                    .filter(Set.of(DepartmentAnswer.Action.stopped, DepartmentAnswer.Action.none)::contains).isEmpty()) {
                problems.add(category + ": say what you did (stopped or none)");
            }
        }
        return problems;
    }

    private static List<String> rectification(DepartmentAnswer answer, List<String> heldCategories) {
        List<String> problems = new ArrayList<>();
        Set<DepartmentAnswer.Action> allowed = Set.of(DepartmentAnswer.Action.corrected,
                DepartmentAnswer.Action.disputed, DepartmentAnswer.Action.none);
        for (String category : heldCategories) {
            DepartmentAnswer.Category entry = answer.category(category);
            if (entry.action().filter(allowed::contains).isEmpty()) {
                problems.add(category + ": say what you did (corrected, disputed or none)");
            } else if (entry.action().get() == DepartmentAnswer.Action.corrected && entry.correction().isBlank()) {
                problems.add(category + ": say what you corrected");
            } else if (entry.action().get() == DepartmentAnswer.Action.disputed && entry.reason().isBlank()) {
                problems.add(category + ": say why the data is accurate and was not corrected");
            }
        }
        return problems;
    }

    private static List<String> erasure(DepartmentAnswer answer, List<String> heldCategories,
                                        DsrProperties.Department department, LocalDate today) {
        List<String> problems = new ArrayList<>();
        Set<String> rules = department.retentionRules().stream().map(DsrProperties.RetentionRule::id)
                .collect(Collectors.toSet());
        for (String category : heldCategories) {
            DepartmentAnswer.Category entry = answer.category(category);
            if (entry.action().filter(Set.of(DepartmentAnswer.Action.erased, DepartmentAnswer.Action.retained,
                    DepartmentAnswer.Action.none)::contains).isEmpty()) {
                problems.add(category + ": say what you did (erased, retained or none)");
            } else if (entry.action().get() == DepartmentAnswer.Action.retained) {
                if (!rules.contains(entry.rule())) {
                    problems.add(category + ": choose one of your department's retention reasons " + rules);
                }
                if (entry.kept().isBlank()) {
                    problems.add(category + ": say what you keep");
                }
                if (entry.until().isEmpty()) {
                    problems.add(category + ": say until when you keep it (YYYY-MM-DD)");
                } else if (entry.until().get().isBefore(today)) {
                    problems.add(category + ": \"Kept until\" (" + DepartmentAnswer.UNTIL + ") is "
                            + entry.until().get() + ", a day in the past: give the day the data will be erased, "
                            + today + " or later");
                } else if (entry.until().get().isAfter(today.plusYears(LONGEST_RETENTION_YEARS))) {
                    problems.add(category + ": \"Kept until\" (" + DepartmentAnswer.UNTIL + ") is "
                            + entry.until().get() + ", more than " + LONGEST_RETENTION_YEARS
                            + " years ahead: check the year");
                }
            }
        }
        return problems;
    }

    private static List<String> marketing(DepartmentAnswer answer) {
        return answer.channels() == null || answer.channels().isEmpty()
                ? List.of("say in which channels you stopped marketing (or 'none')") : List.of();
    }

    /** DONE when the department held data (access) or acted on it (erasure, marketing). */
    public static DepartmentOutcome outcome(RequestType type, JsonNode json, List<String> heldCategories) {
        DepartmentAnswer answer = DepartmentAnswer.of(json);
        boolean done = switch (type) {
            case ACCESS, PORTABILITY -> "yes".equals(answer.found());
            case RECTIFICATION, ERASURE, RESTRICTION, OBJECTION -> heldCategories.stream().map(category -> answer.category(category).action())
                    .anyMatch(action -> action.filter(action2 -> action2 != DepartmentAnswer.Action.none).isPresent());
            case MARKETING_OBJECTION -> answer.channels() != null
                    && answer.channels().stream().anyMatch(channel -> !channel.equals("none"));
        };
        return done ? DepartmentOutcome.DONE : DepartmentOutcome.NOTHING_FOUND;
    }
}
