package org.dsrflow.verification;

/** What a secret opens: the requester's, or a processor's or recipient's (its holder). */
public enum TokenPurpose {
    /** Single-use link in the acknowledgement email that proves control of the email address. */
    CONFIRM,
    /** Key that lets the requester read the status of their own request. */
    STATUS,
    /** Link in the answer email to the access report; valid until the documents expire. */
    DOWNLOAD,
    /** Single-use link in a request for identity evidence or clarification: the requester answers on the reply page. */
    REPLY,
    /**
     * Single-use, expiring link of a processor or recipient (Art. 19, 28) to its page: it confirms what it did for
     * the request. Held by the party (its register id), not the requester.
     */
    EXTERNAL_PARTY,
    /**
     * Expiring link of another controller to which the requester had a portability answer sent (Art. 20(2)): it
     * downloads the structured part of the package. Held by the transmission (its id), not the requester.
     */
    TRANSMISSION
}
