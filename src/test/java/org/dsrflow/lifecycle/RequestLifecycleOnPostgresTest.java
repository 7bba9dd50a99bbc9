package org.dsrflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrflow.testsupport.OnPostgres;
import org.junit.jupiter.api.Test;

/** The lifecycle with the prod profile on real PostgreSQL 17 (embedded) and SMTP. */
@OnPostgres
class RequestLifecycleOnPostgresTest extends RequestLifecycleTestBase {

    @Test
    void productionHasNoDemoUsersAndNoDevelopmentMailbox() {
        assertThat(identity.createUserQuery().userId("sales").count()).isZero();
        assertThat(identity.createUserQuery().userId("manager").count()).isZero();
        assertThat(http.get("/dev/mailbox").status()).isEqualTo(404);
    }
}
