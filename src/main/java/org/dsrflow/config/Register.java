package org.dsrflow.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The processing register as a reader sees it: every text in one language. Requester-facing code
 * asks {@code register.in(request language)}; staff-facing code {@code register.forStaff()} (the
 * organisation's first language). Ids stay ids; only the words change.
 */
@Component
public class Register {

    private final DsrProperties.Organisation organisation;

    @org.springframework.beans.factory.annotation.Autowired
    public Register(DsrProperties properties) {
        this(properties.organisation());
    }

    /** The register of this organisation (tests, tools). */
    public Register(DsrProperties.Organisation organisation) {
        this.organisation = organisation;
    }

    /** The languages requesters are answered in; the first is the default. */
    public List<String> languages() {
        return organisation.languages();
    }

    public boolean speaks(String language) {
        return language != null && organisation.languages().contains(language);
    }

    public String defaultLanguage() {
        return organisation.defaultLanguage();
    }

    public List<String> siteCodes() {
        return List.copyOf(organisation.sites().keySet());
    }

    public List<String> categoryIds() {
        return organisation.categoryIds();
    }

    /** The register in this language (one of {@link #languages()}). */
    public InLanguage in(String language) {
        if (!speaks(language)) {
            throw new IllegalArgumentException("the register has no language '" + language + "'");
        }
        return new InLanguage(language);
    }

    public InLanguage in(Locale locale) {
        return in(speaks(locale.getLanguage()) ? locale.getLanguage() : defaultLanguage());
    }

    /**
     * Staff pages, Tasklist forms and staff emails are English, like Camunda's webapps: the
     * register's English texts, or its first language when it has no English.
     */
    public InLanguage forStaff() {
        return in(staffLanguage());
    }

    public String staffLanguage() {
        return organisation.staffLanguage();
    }

    /** The standard reasons of a kind, as staff pick them: id and English label, in the register's order. */
    public List<DsrProperties.Reason> reasons(DsrProperties.ReasonKind kind) {
        return organisation.reasons().of(kind);
    }

    /**
     * What is wrong with a picked standard reason and the words staff added, naming the form fields: neither
     * given, an id the register does not know, or a reason whose text announces facts with none added. Empty: fine.
     */
    public List<String> reasonProblems(DsrProperties.ReasonKind kind, String reasonField, String reasonId, String textField,
                                       String text, String what) {
        boolean picked = reasonId != null && !reasonId.isBlank();
        boolean written = text != null && !text.isBlank();
        if (!picked) {
            return written ? List.of() : List.of(textField + " or " + reasonField + ": give " + what
                    + " (pick a standard reason or write them)");
        }
        var reason = organisation.reasons().find(kind, reasonId);
        if (reason.isEmpty()) {
            return List.of(reasonField + ": '" + reasonId + "' is not a standard reason of the register ("
                    + String.join(", ", reasons(kind).stream().map(DsrProperties.Reason::id).toList()) + ")");
        }
        if (reason.get().detailsRequired() && !written) {
            return List.of(textField + ": the standard reason '" + reasonId + "' needs the facts it rests on");
        }
        return List.of();
    }

    /**
     * A site as a requester reads it; {@code authority} and {@code authorityUrl} go into the rights sentences,
     * {@code complaintsToUs} (null where the site has none) after them.
     */
    public record Site(String code, String name, ZoneId zone, String authority, String authorityAddress, String authorityUrl,
                       String complaintsToUs) {

        public Site(String code, String name, ZoneId zone, String authority, String authorityAddress, String authorityUrl) {
            this(code, name, zone, authority, authorityAddress, authorityUrl, null);
        }
    }

    /**
     * One purpose and the legal basis it relies on; {@code objectable}: on Art. 6(1)(e) or (f), open to objection
     * (Art. 21(1)); {@code withdrawable}: on the person's consent, which an objection withdraws (Art. 7(3)).
     */
    public record Purpose(String id, String name, String legalBasis, boolean objectable, boolean withdrawable) {
    }

    /**
     * A processor or recipient; {@code contact}: where it answers Art. 19 / 28 requests (null: departments tell it).
     * {@code name} is how it is addressed and listed: its legal name with its role ("Google (analytics and
     * advertising, with your consent)"), or its role alone where the register records no name ({@code legalName} null);
     * {@code country} and {@code safeguard}: outside the EU/EEA only (null otherwise).
     */
    public record Recipient(String id, String name, String role, String legalName, boolean processor, String contact,
                            String country, String safeguard) {
    }

    /** A data category with its Art. 15(1) information. */
    public record Category(String id, String name, String description, List<Purpose> purposes, List<Recipient> recipients,
                           String retention, String source, boolean specialCategory, boolean portable,
                           List<Purpose> portablePurposes) {

        /** The distinct legal bases of its purposes, e.g. "Contract (Art. 6(1)(b)); Consent (Art. 6(1)(a))". */
        public String legalBasis() {
            return String.join("; ", purposes.stream().map(Purpose::legalBasis).distinct().toList());
        }

        /** The purposes a person may object to (Art. 21(1)). */
        public List<Purpose> objectablePurposes() {
            return purposes.stream().filter(Purpose::objectable).toList();
        }

        public boolean objectable() {
            return purposes.stream().anyMatch(Purpose::objectable);
        }

        /** The purposes on the person's consent: an objection to them withdraws it (Art. 7(3)). */
        public List<Purpose> withdrawablePurposes() {
            return purposes.stream().filter(Purpose::withdrawable).toList();
        }

        /** The purposes whose data portability does not cover (Art. 20(1)(a)), in the register's order. */
        public List<Purpose> notPortablePurposes() {
            return purposes.stream().filter(purpose -> !portablePurposes.contains(purpose)).toList();
        }
    }

    /**
     * Art. 17(2): a purpose for which a category's data is made public: its name (in the reader's language) and
     * where it is published (the register's short text for staff).
     */
    public record Publication(String purpose, String where) {
    }

    /** Why a department keeps data despite an erasure request, and for how long at the request's site. */
    public record RetentionRule(String id, String label, String legalBasis, String period) {
    }

    /** The register's texts in one language. */
    public final class InLanguage {

        private final String language;

        private InLanguage(String language) {
            this.language = language;
        }

        public String language() {
            return language;
        }

        public String organisationName() {
            return organisation.name().in(language);
        }

        public String contact() {
            return organisation.contact().in(language);
        }

        public String automatedDecisions() {
            return organisation.automatedDecisions().in(language);
        }

        public String transfers() {
            return organisation.transfers().in(language);
        }

        public Site site(String code) {
            DsrProperties.Site site = organisation.sites().get(code);
            if (site == null) {
                throw new IllegalArgumentException("unknown site " + code);
            }
            URI url = site.authority().url();
            var complaintsToUs = site.authority().complaintsToUs();
            return new Site(code, site.name().in(language), site.zone(), site.authority().name().in(language),
                    site.authority().address().in(language), url == null ? "" : url.toString(),
                    complaintsToUs == null ? null : complaintsToUs.in(language));
        }

        public List<Site> sites() {
            return siteCodes().stream().map(this::site).toList();
        }

        public Category category(String id) {
            DsrProperties.Category category = organisation.category(id);
            return new Category(id, category.name().in(language), category.description().in(language),
                    category.purposes().stream().map(this::purpose).toList(),
                    category.recipients().stream().map(this::recipient).toList(),
                    category.retention().in(language), category.source().in(language), category.specialCategory(),
                    category.portableInPart(), category.portablePurposeIds().stream().map(this::purpose).toList());
        }

        public List<Category> categories() {
            return categoryIds().stream().map(this::category).toList();
        }

        public Purpose purpose(String id) {
            DsrProperties.Purpose purpose = organisation.purposes().get(id);
            return new Purpose(id, purpose.name().in(language), organisation.legalBases().get(purpose.legalBasis()).in(language),
                    organisation.objectable(id), organisation.withdrawable(id));
        }

        /** The purposes a person may object to (Art. 21(1)), in the register's order. */
        public List<Purpose> objectablePurposes() {
            return organisation.purposes().keySet().stream().filter(organisation::objectable).map(this::purpose).toList();
        }

        public Recipient recipient(String id) {
            DsrProperties.Recipient recipient = organisation.recipients().get(id);
            String role = recipient.name().in(language);
            String legalName = recipient.legalName() == null || recipient.legalName().isBlank() ? null : recipient.legalName().strip();
            DsrProperties.ThirdCountry abroad = recipient.thirdCountry();
            return new Recipient(id, legalName == null ? role : legalName + " (" + role + ")", role, legalName, recipient.processor(),
                    recipient.contact() == null || recipient.contact().isBlank() ? null : recipient.contact(),
                    abroad == null ? null : abroad.country().in(language), abroad == null ? null : abroad.safeguard().in(language));
        }

        /** Art. 17(2): the purposes of the category that make its data public; empty when none does (or no such category). */
        public List<Publication> publications(String category) {
            DsrProperties.Category registered = organisation.categories().get(category);
            if (registered == null) {
                return List.of();
            }
            return registered.purposes().stream()
                    .filter(id -> organisation.purposes().containsKey(id) && organisation.purposes().get(id).madePublic() != null)
                    .map(id -> new Publication(purpose(id).name(), organisation.purposes().get(id).madePublic()))
                    .toList();
        }

        /**
         * The reasons a requester reads: the standard reason's text in this language, then the words staff
         * added (in the requester's language), a blank line between; either may be absent. A reason id the
         * register no longer knows fails (the email's job then stops as an incident) rather than send no reasons.
         */
        public String reasons(DsrProperties.ReasonKind kind, String reasonId, String additional) {
            String standard = null;
            if (reasonId != null && !reasonId.isBlank()) {
                standard = organisation.reasons().find(kind, reasonId)
                        .orElseThrow(() -> new IllegalStateException("the register has no " + kind.key() + " reason '" + reasonId
                                + "' any more: add it back to send this email"))
                        .text().in(language);
            }
            String added = additional == null || additional.isBlank() ? null : additional.strip();
            if (standard == null) {
                return added;
            }
            return added == null ? standard : standard + "\n\n" + added;
        }

        /** A department's name; an id the register no longer knows stays as it is. */
        public String departmentName(String id) {
            DsrProperties.Department department = id == null ? null : organisation.departments().get(id);
            return department == null ? String.valueOf(id) : department.name().in(language);
        }

        /** The department's retention rules, with the period that applies at the site. */
        public List<RetentionRule> retentionRules(String department, String site) {
            DsrProperties.Department registered = organisation.departments().get(department);
            return (registered == null ? List.<DsrProperties.RetentionRule>of() : registered.retentionRules()).stream()
                    .map(rule -> new RetentionRule(rule.id(), rule.label().in(language), rule.legalBasis().in(language),
                            rule.periodFor(site).in(language)))
                    .toList();
        }
    }
}
