package org.dsrflow.inbox;

import java.time.Clock;
import org.dsrflow.verification.IdentityDecisionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An email that answered a request for identity evidence may carry an ID document: once the identity decision is
 * recorded, the stored email goes with the evidence (the reply's own words stay in the request's replies), in the
 * transaction that records the decision, so nothing of it can be opened from the request page any more.
 */
@Component
class EvidenceEmails {

    private static final Logger log = LoggerFactory.getLogger(EvidenceEmails.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    EvidenceEmails(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void decided(IdentityDecisionRecorded decision) {
        // The emails that were the awaited reply and answered no question of ours: the answers to identity-evidence requests.
        int erased = jdbc.sql("""
                        update dsr_inbox_message set raw_mime = null, erased_at = :now
                        where request_id = :requestId and erased_at is null and id in (
                            select r.inbox_message_id from dsr_requester_reply r
                            where r.request_id = :requestId and r.inbox_message_id is not null and r.awaited
                              and not exists (select 1 from dsr_clarification c where c.reply_id = r.id))""")
                .param("requestId", decision.requestId()).param("now", org.dsrflow.support.Jdbc.utc(clock.instant()))
                .update();
        if (erased > 0) {
            log.info("Identity decision of request id {}: {} emailed evidence replies erased", decision.requestId(), erased);
        }
    }
}
