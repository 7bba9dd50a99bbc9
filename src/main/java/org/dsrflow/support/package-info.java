/** Small shared helpers: public links, the engine clock, database-outage answers, bad-input errors, JDBC conversions, per-source rate limits. */
package org.dsrflow.support;
