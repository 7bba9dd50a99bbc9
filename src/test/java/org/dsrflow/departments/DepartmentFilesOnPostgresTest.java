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
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.integration.jdbc.lock.JdbcLockRegistry inboxLocks;

    /**
     * The privacy mailboxes on PostgreSQL (issue 25; here because this class already runs on it): a message is recorded
     * once per mailbox, UIDVALIDITY and UID, and a mailbox's lock in the shared database is held by one node at a time
     * (another node's registry, with its own client id, is refused until the first lets go).
     */
    @Test
    void anEmailIsRecordedOnceAndOneNodeAtATimeHoldsAMailboxsLock() throws Exception {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        String insert = "insert into dsr_inbox_message (mailbox_id, uid_validity, uid, received_at, size_bytes, status, recorded_at)"
                + " values ('privacy', 7, 42, now(), 100, 'NEW', now())";
        jdbc.update(insert);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(insert))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

        org.springframework.integration.jdbc.lock.DefaultLockRepository otherNode =
                new org.springframework.integration.jdbc.lock.DefaultLockRepository(dataSource, "00000000-0000-0000-0000-0000000000b2");
        otherNode.setPrefix("DSR_INBOX_");
        otherNode.setRegion("dsr-inbox");
        otherNode.setTransactionManager(new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        otherNode.afterPropertiesSet();
        otherNode.afterSingletonsInstantiated();
        java.util.concurrent.locks.Lock mine = inboxLocks.obtain("mailbox-privacy");
        java.util.concurrent.locks.Lock theirs = new org.springframework.integration.jdbc.lock.JdbcLockRegistry(otherNode)
                .obtain("mailbox-privacy");
        org.assertj.core.api.Assertions.assertThat(mine.tryLock()).isTrue();
        try {
            org.assertj.core.api.Assertions.assertThat(java.util.concurrent.CompletableFuture.supplyAsync(theirs::tryLock).get())
                    .as("the other node").isFalse();
        } finally {
            mine.unlock();
        }
        org.assertj.core.api.Assertions.assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            boolean locked = theirs.tryLock();
            if (locked) {
                theirs.unlock();
            }
            return locked;
        }).get()).as("the other node once it is free").isTrue();
        jdbc.update("delete from dsr_inbox_message");
    }

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
