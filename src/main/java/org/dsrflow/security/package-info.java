/**
 * Who may do what, in four rooms with one concern each: {@code guard} (least privilege inside the engine),
 * {@code sso} (single sign-on through an OpenID provider), {@code web} (what stands in front of every staff
 * request: filters, the staff API's and pages' access checks, the webapp plugin) and {@code setup} (the groups,
 * accounts, authorizations and Tasklist filters made at start-up, and the checks and report of the start).
 * Here itself only the staff groups that every room names.
 */
package org.dsrflow.security;
