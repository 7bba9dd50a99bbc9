package org.dsrflow.review;

import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link FeeTest} with the prod profile on real PostgreSQL 17 (embedded). */
@ActiveProfiles({"prod", "it"})
@Import(EmbeddedPostgresConfig.class)
class FeeOnPostgresTest extends FeeTest {
}
