package org.dsrflow.security;

/** Groups that are not departments. Department groups are the keys of {@code dsr.organisation.departments}. */
public final class StaffGroups {

    /** Privacy team / DPO: identity checks, reviews, registrations. */
    public static final String PRIVACY = "privacy";
    /** Managers: follow the SLA in Cockpit, read-only. */
    public static final String MANAGERS = "managers";
    /**
     * The accounts of separate worker processes (machine accounts, no person): they fetch and lock the request process's
     * system tasks through the REST API and report through the staff API; nothing else.
     */
    public static final String SYSTEM_WORKERS = "system-workers";

    private StaffGroups() {
    }
}
