package org.dsrflow.review;

import org.dsrflow.testsupport.OnPostgres;

/** {@link FeeTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class FeeOnPostgresTest extends FeeTest {
}
