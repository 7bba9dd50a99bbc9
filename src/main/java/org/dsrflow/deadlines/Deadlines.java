package org.dsrflow.deadlines;

import java.time.LocalDate;

/**
 * The dates of one request: the one-month due date, the due date if extended (receipt + 3 months)
 * and the last day on which an extension notice may be sent (the one-month due date itself).
 */
public record Deadlines(LocalDate dueDate, LocalDate extendedDueDate, LocalDate extensionNoticeBy) {
}
