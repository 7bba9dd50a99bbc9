package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link RectificationTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class RectificationOnPostgresTest extends RectificationTest {
}
