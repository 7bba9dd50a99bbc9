/**
 * Connectors: the organisation's systems named in the register (SQL databases, HTTP APIs), searched for a
 * person and acted on (erase, rectify, restrict) after a person confirmed. Depends only on config and support.
 */
package org.dsrflow.connectors;
