package org.dsrflow.request;

/** The rights a requester can exercise through dsr-flow. */
public enum RequestType {
    /** Art. 15: an overview of all personal data held. */
    ACCESS,
    /** Art. 17: delete all personal data. */
    ERASURE,
    /** Art. 21(2)-(3): stop all direct marketing. */
    MARKETING_OBJECTION
}
