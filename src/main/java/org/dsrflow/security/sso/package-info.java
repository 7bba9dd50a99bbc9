/**
 * Single sign-on through an OpenID Connect provider (on when a client registration is configured): the sign-in
 * and its renewal, bearer tokens on the APIs, the signed-in person as the engine's user with mapped groups, and
 * log-out here and at the provider.
 */
package org.dsrflow.security.sso;
