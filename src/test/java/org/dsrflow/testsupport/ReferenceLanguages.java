package org.dsrflow.testsupport;

import org.dsrflow.request.Language;

/** The reference organisation's languages (processing-register.yaml), for tests that go through each. */
public final class ReferenceLanguages {

    public static final Language EN = Language.valueOf("en");
    public static final Language SV = Language.valueOf("sv");
    public static final Language NB = Language.valueOf("nb");
    public static final Language DA = Language.valueOf("da");
    public static final Language FI = Language.valueOf("fi");

    private ReferenceLanguages() {
    }

    public static Language[] values() {
        return new Language[] {EN, SV, NB, DA, FI};
    }
}
