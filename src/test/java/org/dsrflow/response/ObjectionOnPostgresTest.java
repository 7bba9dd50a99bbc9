package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link ObjectionTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class ObjectionOnPostgresTest extends ObjectionTest {
}
