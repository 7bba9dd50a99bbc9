package org.dsrflow.intake;

/** How a request reached the organisation. */
public enum Channel {
    WEB, EMAIL, POST, PHONE
}
