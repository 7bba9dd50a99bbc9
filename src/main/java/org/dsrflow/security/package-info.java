/** Accounts, groups, authorizations, Tasklist filters, authentication of the REST API, and single sign-on (OIDC). */
package org.dsrflow.security;
