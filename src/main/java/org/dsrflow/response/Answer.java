package org.dsrflow.response;

import java.time.LocalDate;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.dsrflow.request.RequestType;

/**
 * Everything the answer to a request says, independent of how it is rendered (email, HTML report,
 * JSON export). Built by {@link AnswerBuilder} from the departments' answers and the processing register.
 */
public record Answer(
        String reference,
        RequestType type,
        String organisation,
        String controllerContact,
        LocalDate receivedOn,
        LocalDate answeredOn,
        Authority authority,
        /* Access (Art. 15): whether any data was found, and per category the Art. 15(1) information with the data. */
        boolean dataFound,
        List<CategorySection> categories,
        /* Portability (Art. 20): the requested categories outside the right, or the part of one outside it, "Communication (purpose; purpose)". */
        List<String> notPortable,
        String automatedDecisions,
        String transfers,
        List<String> rights,
        /* Rectification (Art. 16, 19): what was corrected, and what not because the data is accurate. */
        List<CorrectionItem> corrected,
        List<CorrectionItem> disputed,
        /* Restriction (Art. 18, 19): the ground given, and per category how the data is restricted. */
        String restrictionGround,
        List<CorrectionItem> restricted,
        /* Erasure (Art. 17, 19). */
        List<ErasureItem> erased,
        List<RetainedItem> retained,
        List<String> recipientsNotified,
        /* Marketing objection (Art. 21(3)). */
        List<String> marketingStopped,
        /* Objection (Art. 21(1)): per purpose objected to, whether we stopped, or continue and why (compelling grounds, legal claims). */
        List<ObjectionItem> objection,
        /* Objection to what we do on consent: treated as its withdrawal (Art. 7(3)); the purposes stopped, with their legal basis. */
        List<Purpose> withdrawn,
        /* Partial refusal (Art. 12(4)): the reasons, when part of the request is refused. */
        String partialRefusal,
        /* Art. 19 / 28: the processors and recipients asked to act through their link, and what they confirmed. */
        List<PartyItem> parties,
        /* Art. 15(3): the departments' files the package hands over (as reviewed: originals or redacted versions). */
        List<FileItem> files,
        /* Art. 15(4), 12(4): files withheld or handed over with parts removed, and why. */
        List<WithheldFile> withheldFiles,
        /* Erasure, rectification, restriction carried out in the organisation's systems after the department confirmed (issue 26). */
        List<SystemAction> systemActions) {

    /** A file in the package: its name, category, department and size ("12 KB"). */
    public record FileItem(String name, String category, String department, String size) {
    }

    /** A file withheld ({@code redacted} false; its name is not shown, it may name others) or redacted, with the reason. */
    public record WithheldFile(String name, String category, String department, boolean redacted, String reason) {
    }

    /** Art. 19: one party asked, when, and whether it confirmed ({@code statement} for the privacy team only). */
    public record PartyItem(String name, String status, LocalDate askedOn, LocalDate answeredOn, String statement) {

        public boolean confirmed() {
            return "DONE".equals(status);
        }

        public boolean notDone() {
            return "NOT_DONE".equals(status);
        }
    }

    public record Authority(String name, String address, String url) {
    }

    /** A purpose of the processing and the legal basis it relies on (Art. 13(1)(c)). */
    public record Purpose(String name, String legalBasis) {
    }

    /** One data category found: what it is, why and how we process it, and the data itself. */
    public record CategorySection(String id, String name, String description, List<Purpose> purposes, String legalBasis,
                                  List<Recipient> recipients, String retention, String source, boolean specialCategory,
                                  List<Finding> findings) {
    }

    /**
     * A recipient (Art. 15(1)(c)): its identity where the register records it ({@code name}, else null: the person may
     * ask for it, CJEU C-154/21), its role, and for a recipient outside the EU/EEA the country and the safeguard (Art. 15(2)).
     */
    public record Recipient(String name, String role, String country, String safeguard) {
    }

    /**
     * What one department holds in a category, and where it came from when not from the requester: its text, or the
     * records one of its systems found ({@code system}, the records' {@code columns} and the {@code records} themselves,
     * which the JSON export carries as records).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Finding(String department, String data, String source, String system, List<String> columns,
                          List<Map<String, Object>> records) {

        public Finding(String department, String data, String source) {
            this(department, data, source, null, List.of(), List.of());
        }

        /** The records as rows of cells in the columns' order, for the report's table. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<List<String>> cells() {
            return records.stream().map(record -> columns.stream()
                    .map(column -> record.get(column) == null ? "" : String.valueOf(record.get(column))).toList()).toList();
        }
    }

    /**
     * A confirmed erasure, rectification or restriction in one of our systems: department, category, system, whether it
     * was carried out and how many records (or calls) it changed.
     */
    public record SystemAction(String department, String category, String system, boolean carriedOut, Integer changed) {
    }

    /** An objection with nothing stopped: neither a purpose objected to (Art. 21(1)) nor consent withdrawn (Art. 7(3)). */
    public boolean nothingStopped() {
        return objection.isEmpty() && withdrawn.isEmpty();
    }

    /** A purpose objected to: stopped, or continued on the privacy team's {@code grounds}. */
    public record ObjectionItem(String purpose, String legalBasis, boolean continued, String grounds) {
    }

    /**
     * Erased data; {@code publishedFor} and {@code publication} (Art. 17(2)) when we had made it public: the purposes
     * that published it, and whether we {@code informed} others who process it or {@code checked} and found no one.
     */
    public record ErasureItem(String department, String category, String publishedFor, String publication) {

        public ErasureItem(String department, String category) {
            this(department, category, null, null);
        }
    }

    /** Art. 17(2): the erased data we had made public, with what we did to inform others who process it. */
    public List<ErasureItem> madePublic() {
        return erased == null ? List.of() : erased.stream().filter(item -> item.publication() != null).toList();
    }

    /** A correction made ({@code text}: what was corrected), or refused with {@code text} as the reason. */
    public record CorrectionItem(String department, String category, String text) {
    }

    /** Data kept despite the erasure request: what, why (legal basis), until when. */
    public record RetainedItem(String department, String category, String kept, String reason, String legalBasis,
                               String period, LocalDate until) {
    }
}
