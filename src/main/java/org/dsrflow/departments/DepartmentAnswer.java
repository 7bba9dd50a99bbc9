package org.dsrflow.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsrflow.request.RequestType;

/**
 * A department's answer, as its Tasklist form submits it under {@code answer}: the one place that
 * names its keys. The forms' fields are checked against {@link #keys} (CamundaFormsTest), the rules
 * in {@link DepartmentAnswers}, and the answer to the requester reads it through this class.
 * <pre>
 * ACCESS, PORTABILITY { found: yes|no, &lt;category&gt;: { data, source }, notes }
 * RECTIFICATION       { &lt;category&gt;: { action: corrected|disputed|none, correction, reason }, recipients, notes }
 * ERASURE             { &lt;category&gt;: { action: erased|retained|none, rule, kept, until,
 *                                       publication: informed|checked|unpublished, publicationSteps }, recipients, notes }
 * RESTRICTION         { &lt;category&gt;: { action: restricted|none, how }, recipients, notes }
 * OBJECTION           { &lt;category&gt;: { action: stopped|none, reason }, notes }
 * MARKETING_OBJECTION { channels: [email, sms, ..., none], notes }
 * </pre>
 */
public final class DepartmentAnswer {

    public static final String FOUND = "found";
    public static final String DATA = "data";
    public static final String SOURCE = "source";
    public static final String ACTION = "action";
    public static final String RULE = "rule";
    public static final String KEPT = "kept";
    public static final String UNTIL = "until";
    public static final String CORRECTION = "correction";
    public static final String REASON = "reason";
    public static final String HOW = "how";
    public static final String RECIPIENTS = "recipients";
    /** The parties (register recipient ids) this person's data was disclosed to: only they are asked (Art. 19). */
    public static final String DISCLOSED_TO = "disclosedTo";
    /**
     * Erasure of a category the register marks as made public (Art. 17(2)): whether we informed others who process
     * the published data ({@link Publication}), and the steps taken (for the privacy team, not sent to the requester).
     */
    public static final String PUBLICATION = "publication";
    public static final String PUBLICATION_STEPS = "publicationSteps";
    public static final String CHANNELS = "channels";
    public static final String NOTES = "notes";

    /**
     * What a department did with a category's data: on an erasure (erased, retained, none), a
     * rectification (corrected, disputed, none), a restriction (restricted, none) or an objection
     * (stopped, none).
     */
    public enum Action {
        erased, retained, corrected, disputed, restricted, stopped, none;

        static Optional<Action> of(String value) {
            for (Action action : values()) {
                if (action.name().equals(value)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Art. 17(2), for an erased category we made public: {@code informed} those who process the published data
     * (sites and platforms that republished it or link to it), {@code checked} and found no one else processing it,
     * or {@code unpublished}: none of this person's data in it was published, so there was no one to inform.
     */
    public enum Publication {
        informed, checked, unpublished;

        static Optional<Publication> of(String value) {
            for (Publication publication : values()) {
                if (publication.name().equals(value)) {
                    return Optional.of(publication);
                }
            }
            return Optional.empty();
        }
    }

    /** The answer's keys for a request type: at its top and inside each category. */
    public record Keys(Set<String> top, Set<String> perCategory) {
    }

    public static Keys keys(RequestType type) {
        return switch (type) {
            case ACCESS, PORTABILITY -> new Keys(Set.of(FOUND, NOTES), Set.of(DATA, SOURCE));
            case RECTIFICATION -> new Keys(Set.of(RECIPIENTS, DISCLOSED_TO, NOTES), Set.of(ACTION, CORRECTION, REASON));
            case ERASURE -> new Keys(Set.of(RECIPIENTS, DISCLOSED_TO, NOTES),
                    Set.of(ACTION, RULE, KEPT, UNTIL, PUBLICATION, PUBLICATION_STEPS));
            case RESTRICTION -> new Keys(Set.of(RECIPIENTS, DISCLOSED_TO, NOTES), Set.of(ACTION, HOW));
            case OBJECTION -> new Keys(Set.of(NOTES), Set.of(ACTION, REASON));
            case MARKETING_OBJECTION -> new Keys(Set.of(CHANNELS, NOTES), Set.of());
        };
    }

    private final JsonNode json;

    private DepartmentAnswer(JsonNode json) {
        this.json = json;
    }

    public static DepartmentAnswer of(JsonNode json) {
        return new DepartmentAnswer(json);
    }

    /** Access: "yes", "no", or empty when not said. */
    public String found() {
        return json.path(FOUND).asText("");
    }

    public Category category(String id) {
        return new Category(json.path(id));
    }

    /** Erasure: the recipients told (Art. 19); blank when not said, "none" when there were none. */
    public String recipients() {
        return json.path(RECIPIENTS).asText("");
    }

    /** The parties the department ticked as having received this person's data; empty when none. */
    public List<String> disclosedTo() {
        List<String> parties = new ArrayList<>();
        json.path(DISCLOSED_TO).forEach(party -> parties.add(party.asText()));
        return parties;
    }

    /** Marketing objection: the channels stopped ("none" when there were none); null when not a list. */
    public List<String> channels() {
        if (!json.path(CHANNELS).isArray()) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        json.path(CHANNELS).forEach(channel -> channels.add(channel.asText()));
        return channels;
    }

    /** What the department said about one category. */
    public static final class Category {

        private final JsonNode json;

        private Category(JsonNode json) {
            this.json = json;
        }

        public String data() {
            return json.path(DATA).asText("");
        }

        public String source() {
            return json.path(SOURCE).asText("");
        }

        public Optional<Action> action() {
            return Action.of(json.path(ACTION).asText(""));
        }

        public String rule() {
            return json.path(RULE).asText("");
        }

        public String kept() {
            return json.path(KEPT).asText("");
        }

        /** Rectification: what was corrected (from what to what). */
        public String correction() {
            return json.path(CORRECTION).asText("");
        }

        /** Restriction: how the data is restricted (moved, marked, access removed). */
        public String how() {
            return json.path(HOW).asText("");
        }

        /** Rectification: why the data was not corrected; objection: the grounds the department sees for continuing. */
        public String reason() {
            return json.path(REASON).asText("");
        }

        /** Erasure of data we made public (Art. 17(2)): whether others who process it were informed; empty when not said. */
        public Optional<Publication> publication() {
            return Publication.of(json.path(PUBLICATION).asText(""));
        }

        /** The steps taken to inform others who process the published data (for the privacy team). */
        public String publicationSteps() {
            return json.path(PUBLICATION_STEPS).asText("");
        }

        /** Until when the data is kept; empty when missing or not a date (YYYY-MM-DD, a time part ignored). */
        public Optional<LocalDate> until() {
            String value = json.path(UNTIL).asText("");
            try {
                return Optional.of(LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
