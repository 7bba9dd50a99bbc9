package org.dsrflow.review;

import org.dsrflow.testsupport.OnPostgres;

/** {@link ClarificationTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class ClarificationOnPostgresTest extends ClarificationTest {
}
