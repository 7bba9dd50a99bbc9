package org.dsrflow.request;

/** The rights a requester can exercise through dsr-flow. */
public enum RequestType {
    /** Art. 15: an overview of all personal data held. */
    ACCESS("Art. 15"),
    /** Art. 16: correct inaccurate data (the requester says what is wrong and what is right). */
    RECTIFICATION("Art. 16"),
    /** Art. 17: delete all personal data. */
    ERASURE("Art. 17"),
    /** Art. 18: restrict the use of data (stored, not otherwise used) on one of the {@link RestrictionGround}s. */
    RESTRICTION("Art. 18"),
    /** Art. 20: the data the person provided, processed on consent or contract by automated means, machine-readable (JSON and CSV). */
    PORTABILITY("Art. 20"),
    /** Art. 21(1): object to processing for purposes based on Art. 6(1)(e) or (f) (the register's {@code objection-bases}). */
    OBJECTION("Art. 21(1)"),
    /** Art. 21(2)-(3): stop all direct marketing. */
    MARKETING_OBJECTION("Art. 21(2)");

    private final String article;

    RequestType(String article) {
        this.article = article;
    }

    /** The GDPR article that gives the right, e.g. "Art. 15". */
    public String article() {
        return article;
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
