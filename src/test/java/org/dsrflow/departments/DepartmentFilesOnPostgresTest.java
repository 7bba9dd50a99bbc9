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

    /**
     * Art. 20(2) on PostgreSQL: the requester has a portability package sent to another organisation, which downloads the
     * structured part (the uploads byte for byte, no report); the transmission and its download are recorded.
     */
    @Test
    void anotherOrganisationDownloadsThePortabilityPackageTheRequesterHadSentToIt() {
        AnswerPackageScenario scenario = new AnswerPackageScenario(http, work, intake, management, process, requests, reviewed, greenMail);
        String address = org.dsrflow.testsupport.Requests.newAddress("lars");
        String reference = scenario.portabilityAnswered(address);
        org.assertj.core.api.Assertions.assertThat(scenario.sendToTheBank(http, scenario.landing(reference), address).status())
                .isEqualTo(200);

        org.dsrflow.testsupport.Http.Binary zip = AnswerPackageScenario.bankDownloads(new org.dsrflow.testsupport.Http(port),
                scenario.bankLink());

        org.assertj.core.api.Assertions.assertThat(zip.status()).as(zip.text()).isEqualTo(200);
        AnswerPackageScenario.assertStructuredPackage(reference, AnswerPackageScenario.unzip(zip.body()));
        long requestId = requests.findByReference(reference).orElseThrow().id();
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
                        select organisation || ' ' || address || ' ' || asked_by || ' ' || downloads from dsr_transmission
                        where request_id = :id and first_downloaded_at is not null and token_hash is not null""")
                .param("id", requestId).query(String.class).list())
                .containsExactly("Nordic Bank AB portability@bank.example REQUESTER 1");
    }
}
