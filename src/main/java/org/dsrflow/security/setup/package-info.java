/**
 * What the start makes and checks: groups, accounts, authorizations and Tasklist filters (idempotent, on every
 * node), the production settings that stop a start, and the report of the URLs and accounts once it is ready.
 */
package org.dsrflow.security.setup;
