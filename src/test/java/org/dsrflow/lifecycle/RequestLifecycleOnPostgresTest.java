package org.dsrflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrflow.testsupport.EmbeddedPostgresConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The lifecycle with the prod profile on real PostgreSQL 17 (embedded) and SMTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@ActiveProfiles({"prod", "it"})
@Import(EmbeddedPostgresConfig.class)
@TestPropertySource(locations = "classpath:prod-over-local-http.properties")
// Closed right after this class (see SmtpIntegrationTest), while PostgreSQL still runs.
@DirtiesContext
class RequestLifecycleOnPostgresTest extends RequestLifecycleTestBase {

    @Test
    void productionHasNoDemoUsersAndNoDevelopmentMailbox() {
        assertThat(identity.createUserQuery().userId("sales").count()).isZero();
        assertThat(identity.createUserQuery().userId("manager").count()).isZero();
        assertThat(http.get("/dev/mailbox").status()).isEqualTo(404);
    }
}
