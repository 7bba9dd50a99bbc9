package org.dsrflow.departments;

import org.dsrflow.testsupport.OnPostgres;

/** {@link DepartmentFilesTest} with the prod profile on real PostgreSQL 17 (embedded). */
@OnPostgres
class DepartmentFilesOnPostgresTest extends DepartmentFilesTest {
}
