package org.dsrflow.departments;

import java.util.Set;

/**
 * The categories of a request in which a department's systems found records that the department kept (issue 26: the
 * {@code systems} package answers it). Such a category is described by its records: a department that found data there
 * need not type it again.
 */
public interface FoundRecords {

    Set<String> categories(long requestId, String department);
}
