package org.dsrflow.request;

/** How a request reached the organisation. */
public enum Channel {
    WEB, EMAIL, POST, PHONE
}
