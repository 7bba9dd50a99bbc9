package org.dsrflow.departments;

import org.dsrflow.testsupport.AnswerPackageScenario;
import org.dsrflow.testsupport.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link DepartmentFilesTest} with the prod profile on real PostgreSQL 17 (embedded), and the requester's package from them. */
@OnPostgres
class DepartmentFilesOnPostgresTest extends DepartmentFilesTest {

    @Autowired
    ReviewedFiles reviewed;

    /** The files as reviewed reach the requester's zip byte for byte, with the PDF read back from PostgreSQL's bytea. */
    @Test
    void theRequestersZipHoldsExactlyTheHandedOverFilesAndTheReportAsPdf() {
        AnswerPackageScenario.assertPackage(new AnswerPackageScenario(http, work, intake, management, process, requests, reviewed,
                greenMail).run());
    }
}
