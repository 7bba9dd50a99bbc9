package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link RepeatRequestTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class RepeatRequestOnPostgresTest extends RepeatRequestTest {
}
