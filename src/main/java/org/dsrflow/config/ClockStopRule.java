package org.dsrflow.config;

/** How waiting for the requester affects the one-month deadline (GDPR-RULES.md, "Clock stop"). */
public enum ClockStopRule {
    /** EU/EEA reading: the unrolled due date moves forward by the calendar days stopped. */
    SUSPEND,
    /**
     * UK (ICO) reading: the month is counted afresh from the day the requester's answer arrived;
     * the answer to a question is a pause there (its days added, see deadlines/StopReason).
     */
    RESTART
}
