/** Accounts, groups, authorizations, Tasklist filters and authentication of the REST API. */
package org.dsrflow.security;
