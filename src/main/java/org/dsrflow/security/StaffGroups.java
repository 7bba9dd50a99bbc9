package org.dsrflow.security;

/** Groups that are not departments. Department groups are the keys of {@code dsr.organisation.departments}. */
public final class StaffGroups {

    /** Privacy team / DPO: identity checks, reviews, registrations. */
    public static final String PRIVACY = "privacy";
    /** Managers: follow the SLA in Cockpit, read-only. */
    public static final String MANAGERS = "managers";

    private StaffGroups() {
    }
}
