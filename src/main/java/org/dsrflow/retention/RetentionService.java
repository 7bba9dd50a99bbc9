package org.dsrflow.retention;

import java.time.Clock;
import java.time.Instant;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the DSR system's own personal data no longer than needed: a configurable time after a
 * request closes, the requester's name, email, details and agent, the departments' findings, the
 * departments' files, identity evidence not yet deleted by a decision, the requester's replies, the recipients in the correspondence log and the remaining secrets are
 * erased, and so are the privacy team's questions and fee reasons; the anonymous register entry
 * (type, site, channel, dates, outcome, on time) and a fee's amount and outcome stay.
 * Access packages are deleted as soon as their download link has expired.
 */
@Service
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    static final String ERASED = "(erased)";
    static final String CLOSED = "status in (" + java.util.Arrays.stream(org.dsrflow.request.RequestStatus.values())
            .filter(org.dsrflow.request.RequestStatus::isClosed).map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ")) + ")";

    private final JdbcClient jdbc;
    private final DsrProperties properties;
    private final Clock clock;

    RetentionService(JdbcClient jdbc, DsrProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Applies the retention rules now; returns how many requests were anonymised. */
    @Transactional
    public int apply() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.retention().eraseAfter());
        // An answer's documents stay a while after their link expired, for a fresh link from the expired-link page.
        int documents = jdbc.sql("delete from dsr_document where expires_at < :before")
                .param("before", Jdbc.utc(now.minus(properties.response().renewalGrace()))).update();
        String due = "select id from dsr_request where " + CLOSED + " and closed_at < :cutoff and anonymised_at is null";
        for (String table : new String[] {"dsr_department_result", "dsr_department_file", "dsr_download_code", "dsr_transmission",
                "dsr_system_record", "dsr_system_correction",
                "dsr_identity_evidence", "dsr_requester_reply", "dsr_token", "dsr_document"}) {
            jdbc.sql("delete from " + table + " where request_id in (" + due + ")").param("cutoff", Jdbc.utc(cutoff)).update();
        }
        // A letter names the person and their address; the kind, when it was written and posted, and by whom stay.
        jdbc.sql("update dsr_letter set content = null where request_id in (" + due + ")")
                .param("cutoff", Jdbc.utc(cutoff)).update();
        // A bounce's diagnostic quotes the remote server, which often names the address.
        jdbc.sql("update dsr_correspondence set recipient = null, bounce_diagnostic = null where request_id in (" + due + ")")
                .param("cutoff", Jdbc.utc(cutoff)).update();
        // The privacy team's texts about the request (a question, a fee's reasons) may name the
        // requester's circumstances; the fee's amount, dates and outcome stay for accountability.
        jdbc.sql("update dsr_clarification set question = :erased where request_id in (" + due + ")")
                .param("erased", ERASED).param("cutoff", Jdbc.utc(cutoff)).update();
        jdbc.sql("update dsr_department_return set comment = :erased, returned_answer = null where request_id in (" + due + ")")
                .param("erased", ERASED).param("cutoff", Jdbc.utc(cutoff)).update();
        jdbc.sql("update dsr_identity_check set asked = null where request_id in (" + due + ")")
                .param("cutoff", Jdbc.utc(cutoff)).update();
        jdbc.sql("update dsr_fee set reasons = :erased, calculation = :erased, payment = :erased where request_id in (" + due + ")")
                .param("erased", ERASED).param("cutoff", Jdbc.utc(cutoff)).update();
        // A processor's answer names its employee: erased too (its links went with the request's other secrets);
        // who was asked, when, and the outcome stay.
        jdbc.sql("update dsr_external_task set answered_by = null, statement = null where request_id in (" + due + ")")
                .param("cutoff", Jdbc.utc(cutoff)).update();
        // Emails to the privacy mailboxes: one on a request goes with the request's personal data; one that was not a
        // request goes this long after the privacy team's decision. The row (mailbox, UID, dates, who decided) stays, so
        // the message is never read again.
        jdbc.sql("""
                        update dsr_inbox_message set raw_mime = null, sender_name = null, sender_address = null, subject = null,
                            message_id = null, erased_at = :now
                        where erased_at is null and (request_id in (""" + due + """
                            ) or (status in ('NOT_A_REQUEST', 'AUTO_REPLY') and request_id is null and decided_at < :cutoff))""")
                .param("now", Jdbc.utc(now)).param("cutoff", Jdbc.utc(cutoff)).update();
        int requests = jdbc.sql("""
                        update dsr_request set requester_name = :erased, requester_email = :erased, email_key = null, details = null,
                            agent_name = null, agent_email = null, postal_address = null, anonymised_at = :now
                        where id in (""" + due + ")")
                .param("erased", ERASED).param("now", Jdbc.utc(now)).param("cutoff", Jdbc.utc(cutoff))
                .update();
        log.info("Retention: anonymised {} closed requests, deleted {} expired documents", requests, documents);
        return requests;
    }
}
