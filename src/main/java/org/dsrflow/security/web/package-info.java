/**
 * The web entry of staff: the filters in front of every request (paths in normal form, the log-in throttle,
 * cross-site changes, the REST authentication), the group checks of the staff API and pages, and dsr-flow's
 * plugin in Camunda's webapps.
 */
package org.dsrflow.security.web;
