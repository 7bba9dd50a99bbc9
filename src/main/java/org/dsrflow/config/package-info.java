/** Typed application settings ({@code dsr.*}): the organisation, links, accounts. */
package org.dsrflow.config;
