/** Statutory deadlines (GDPR Art. 12(3)): calendar months, site holidays, clock stops, extension. */
package org.dsrflow.deadlines;
