package org.dsrflow.review;

import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** {@link ClarificationTest} with the prod profile on real PostgreSQL 17 (embedded). */
@ActiveProfiles({"prod", "it"})
@Import(EmbeddedPostgresConfig.class)
@TestPropertySource(locations = "classpath:prod-over-local-http.properties")
class ClarificationOnPostgresTest extends ClarificationTest {
}
