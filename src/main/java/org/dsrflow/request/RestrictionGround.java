package org.dsrflow.request;

/** Why a person asks for restriction of processing (GDPR Art. 18(1)(a)-(d)). */
public enum RestrictionGround {
    /** (a) the person contests the accuracy of the data: for the time we need to verify it. */
    ACCURACY_CONTESTED,
    /** (b) the processing is unlawful, but the person wants restriction instead of erasure. */
    UNLAWFUL_PROCESSING,
    /** (c) we no longer need the data, but the person needs it for legal claims. */
    LEGAL_CLAIMS,
    /** (d) the person objected (Art. 21(1)): until it is verified whether our legitimate grounds override theirs. */
    OBJECTION_PENDING
}
