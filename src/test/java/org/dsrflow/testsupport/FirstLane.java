package org.dsrflow.testsupport;

import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The first of the two JVMs' test lanes ({@link Lanes}): the SMTP configuration's classes and the plain classes tagged for it. */
@Suite
@SelectPackages("org.dsrflow")
@IncludeClassNamePatterns({"^.*Test$", "^.*IT$"})
@ExcludeClassNamePatterns("^org\\.dsrflow\\.testsupport\\..*")
@IncludeTags(Lanes.FIRST_LANE)
public class FirstLane {
}
