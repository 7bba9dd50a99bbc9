package org.dsrflow.response;

import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link ExternalPartiesTest} with the prod profile on real PostgreSQL 17 (embedded). */
@ActiveProfiles({"prod", "it"})
@Import(EmbeddedPostgresConfig.class)
class ExternalPartiesOnPostgresTest extends ExternalPartiesTest {
}
