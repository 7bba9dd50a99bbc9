package org.dsrflow.response;

import org.dsrflow.testsupport.OnPostgres;

/** {@link PortabilityTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class PortabilityOnPostgresTest extends PortabilityTest {
}
