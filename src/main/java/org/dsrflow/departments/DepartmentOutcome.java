package org.dsrflow.departments;

/** The answer of the department form's "result" question. */
public enum DepartmentOutcome {
    /** Data was found (access) or the requested action was carried out (erasure, marketing stop). */
    DONE,
    /** The department holds no data about the requester. */
    NOTHING_FOUND
}
