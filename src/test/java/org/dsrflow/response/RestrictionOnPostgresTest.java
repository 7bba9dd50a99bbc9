package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link RestrictionTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class RestrictionOnPostgresTest extends RestrictionTest {
}
