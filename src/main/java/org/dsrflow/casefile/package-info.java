/** The request page for staff (/staff/requests/{reference}): what each role may see of a case, its timeline, and Tasklist's links to it. */
package org.dsrflow.casefile;
