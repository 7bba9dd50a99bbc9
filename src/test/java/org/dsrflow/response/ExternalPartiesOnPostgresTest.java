package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link ExternalPartiesTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class ExternalPartiesOnPostgresTest extends ExternalPartiesTest {
}
