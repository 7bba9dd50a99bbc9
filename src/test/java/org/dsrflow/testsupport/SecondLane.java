package org.dsrflow.testsupport;

import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The second of the two JVMs' test lanes ({@link Lanes}): every class not in the {@link FirstLane}. */
@Suite
@SelectPackages("org.dsrflow")
@IncludeClassNamePatterns({"^.*Test$", "^.*IT$"})
@ExcludeClassNamePatterns("^org\\.dsrflow\\.testsupport\\..*")
@ExcludeTags(Lanes.FIRST_LANE)
public class SecondLane {
}
