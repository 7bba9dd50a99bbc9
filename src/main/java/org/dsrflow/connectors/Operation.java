package org.dsrflow.connectors;

/** What a confirmed action does to the confirmed records of one category in one system. */
public enum Operation {
    /** Erase or anonymise (Art. 17). */
    ERASE,
    /** Correct with the values the department confirmed (Art. 16). */
    RECTIFY,
    /** Restrict processing (Art. 18). */
    RESTRICT
}
