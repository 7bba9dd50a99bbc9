package org.dsrflow.request;

/** The rights a requester can exercise through dsr-flow. */
public enum RequestType {
    /** Art. 15: an overview of all personal data held. */
    ACCESS("Access"),
    /** Art. 16: correct inaccurate data (the requester says what is wrong and what is right). */
    RECTIFICATION("Rectification"),
    /** Art. 17: delete all personal data. */
    ERASURE("Erasure"),
    /** Art. 18: restrict the use of data (stored, not otherwise used) on one of the {@link RestrictionGround}s. */
    RESTRICTION("Restriction"),
    /** Art. 20: the data the person provided, processed on consent or contract by automated means, machine-readable (JSON and CSV). */
    PORTABILITY("Portability"),
    /** Art. 21(1): object to processing for purposes based on Art. 6(1)(e) or (f) (the register's {@code objection-bases}). */
    OBJECTION("Objection"),
    /** Art. 21(2)-(3): stop all direct marketing. */
    MARKETING_OBJECTION("Marketing objection");

    private final String label;

    RequestType(String label) {
        this.label = label;
    }

    /** The type's name as staff read it (English, like Camunda's webapps); requesters read theirs from the messages. */
    public String label() {
        return label;
    }
}
