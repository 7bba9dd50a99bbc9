package org.dsrflow.request;

/**
 * The rights a requester can exercise through dsr-flow, with the legal facts of each right. Every
 * per-type decision is a {@code switch} over the type without {@code default}: a new constant does
 * not compile until each fact (and each per-type switch elsewhere) is decided for it. What a new type
 * needs besides (its department form, answer templates, texts, routing) is checked for every constant
 * by {@code RequestTypesCompleteTest} and at start-up (the routing).
 */
public enum RequestType {
    /** Art. 15: an overview of all personal data held. */
    ACCESS("Art. 15", "access"),
    /** Art. 16: correct inaccurate data (the requester says what is wrong and what is right). */
    RECTIFICATION("Art. 16", "rectification"),
    /** Art. 17: delete all personal data. */
    ERASURE("Art. 17", "erasure"),
    /** Art. 18: restrict the use of data (stored, not otherwise used) on one of the {@link RestrictionGround}s. */
    RESTRICTION("Art. 18", "restriction"),
    /** Art. 20: the data the person provided, processed on consent or contract by automated means, machine-readable (JSON and CSV). */
    PORTABILITY("Art. 20", "portability"),
    /**
     * Art. 21(1): object to processing for purposes based on Art. 6(1)(e) or (f) (the register's {@code objection-bases});
     * an objection to purposes on consent (its {@code consent-bases}) withdraws the consent (Art. 7(3)) and is not weighed.
     */
    OBJECTION("Art. 21(1)", "objection"),
    /** Art. 21(2)-(3): stop all direct marketing. */
    MARKETING_OBJECTION("Art. 21(2)", "marketing");

    /** Which of the request's categories reach the departments. */
    public enum Categories {
        /** Every category the requester chose (none chosen: all). */
        ALL,
        /** Only those the register marks portable, wholly or for some purposes: provided by the person, on consent or contract (Art. 20(1)). */
        PORTABLE,
        /**
         * Only those processed for a purpose open to objection, on Art. 6(1)(e) or (f) (Art. 21(1)), or on the
         * person's consent: objecting to that is withdrawing the consent (Art. 7(3)).
         */
        OBJECTABLE
    }

    private final String article;
    private final String key;

    RequestType(String article, String key) {
        this.article = article;
        this.key = key;
    }

    /** The type of this name ("ERASURE"), as input from a form or an API gives it; empty for anything else. */
    public static java.util.Optional<RequestType> named(String name) {
        return java.util.Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    /** The GDPR article that gives the right, e.g. "Art. 15". */
    public String article() {
        return article;
    }

    /**
     * The type's name in files: its department form {@code department-<key>}
     * ({@code forms/from-register/}) and its answer section {@code templates/mail/response/<key>.html|txt}.
     */
    public String key() {
        return key;
    }

    /** The Camunda Form a department works the request in. */
    public String departmentForm() {
        return "department-" + key;
    }

    /** The section of the answer report ({@code templates/documents/report/<section>.html}): portability's data is access's. */
    public String reportSection() {
        return switch (this) {
            case ACCESS, PORTABILITY -> ACCESS.key;
            case RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, MARKETING_OBJECTION -> key;
        };
    }

    /** Rectification needs the requester's {@code details}: what is wrong and what is right (Art. 16). */
    public boolean requiresDetails() {
        return switch (this) {
            case RECTIFICATION -> true;
            case ACCESS, ERASURE, RESTRICTION, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /** Only a restriction is asked on one of the grounds of Art. 18(1)(a)-(d). */
    public boolean takesRestrictionGround() {
        return switch (this) {
            case RESTRICTION -> true;
            case ACCESS, RECTIFICATION, ERASURE, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /**
     * Art. 19: the recipients the data was disclosed to are told of a rectification, erasure or
     * restriction (departments name them; processors and recipients with a contact confirm by link).
     */
    public boolean recipientsTold() {
        return switch (this) {
            case RECTIFICATION, ERASURE, RESTRICTION -> true;
            case ACCESS, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /** Which of the request's categories the departments work on (the answer names the others). */
    public Categories categoriesRouted() {
        return switch (this) {
            case PORTABILITY -> Categories.PORTABLE;
            case OBJECTION -> Categories.OBJECTABLE;
            case ACCESS, RECTIFICATION, ERASURE, RESTRICTION, MARKETING_OBJECTION -> Categories.ALL;
        };
    }

    /** The answer hands over the data itself: a report and a machine-readable export (Art. 15(3), 20(1)). */
    public boolean handsOverData() {
        return switch (this) {
            case ACCESS, PORTABILITY -> true;
            case RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /** Portability's "structured, commonly used" format: a CSV beside the JSON (Art. 20(1)). */
    public boolean handsOverCsv() {
        return switch (this) {
            case PORTABILITY -> true;
            case ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /** Art. 21(1): the privacy team weighs, per purpose, whether compelling legitimate grounds override the objection. */
    public boolean weighsCompellingGrounds() {
        return switch (this) {
            case OBJECTION -> true;
            case ACCESS, RECTIFICATION, ERASURE, RESTRICTION, PORTABILITY, MARKETING_OBJECTION -> false;
        };
    }

    /** Art. 18(3): an answered restriction may later be lifted, the requester told first. */
    public boolean canBeLifted() {
        return switch (this) {
            case RESTRICTION -> true;
            case ACCESS, RECTIFICATION, ERASURE, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }

    /**
     * Whether waiting for the answer to our question may stop the clock (where the site's rule stops it
     * at all): only for access. UK GDPR Art. 12A (Data (Use and Access) Act 2025 s.76) pauses the time
     * limit only for information needed to identify what a request under Art. 15 is about; recital 63
     * and EDPB Guidelines 01/2022 (§159, v2.1 numbering from a secondary source) speak of access too.
     */
    public boolean questionMayStopTheClock() {
        return switch (this) {
            case ACCESS -> true;
            case RECTIFICATION, ERASURE, RESTRICTION, PORTABILITY, OBJECTION, MARKETING_OBJECTION -> false;
        };
    }
}
