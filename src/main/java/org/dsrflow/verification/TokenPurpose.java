package org.dsrflow.verification;

/** What a requester's secret opens. */
public enum TokenPurpose {
    /** Single-use link in the acknowledgement email that proves control of the email address. */
    CONFIRM,
    /** Key that lets the requester read the status of their own request. */
    STATUS,
    /** Link in the answer email to the access report; valid until the documents expire. */
    DOWNLOAD,
    /** Single-use link in a request for identity evidence or clarification: the requester answers on the reply page. */
    REPLY
}
