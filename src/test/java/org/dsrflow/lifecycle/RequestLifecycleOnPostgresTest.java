package org.dsrflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.testsupport.IdentityEvidenceScenario;
import org.dsrflow.testsupport.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lifecycle with the prod profile on real PostgreSQL 17 (embedded) and SMTP. */
@OnPostgres
class RequestLifecycleOnPostgresTest extends RequestLifecycleTestBase {

    @Autowired
    RequestIntakeService intake;
    @Autowired
    RequestProcessAdapter process;
    @Autowired
    JdbcClient jdbc;

    @Test
    void productionHasNoDemoUsersAndNoDevelopmentMailbox() {
        assertThat(identity.createUserQuery().userId("sales").count()).isZero();
        assertThat(identity.createUserQuery().userId("manager").count()).isZero();
        assertThat(http.get("/dev/mailbox").status()).isEqualTo(404);
    }

    /** Identity evidence in PostgreSQL's bytea, read back for the preview, and deleted once the check is recorded. */
    @Test
    void identityEvidenceIsStoredEncryptedPreviewedAndDeletedOnceVerified() {
        new IdentityEvidenceScenario(port, intake, management, process, jdbc, greenMail).uploadSeeAndDeleteOnceVerified();
    }
}
