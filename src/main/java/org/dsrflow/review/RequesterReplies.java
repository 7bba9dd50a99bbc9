package org.dsrflow.review;

import java.time.Clock;
import java.time.Instant;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.Jdbc;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * A requester's reply, however it came (the reply page, an email to a privacy mailbox): stored in
 * {@code dsr_requester_reply}, and where the request waits for the requester (identity evidence, our question) it is
 * the reply: the open question counts as answered, every reply link of the wait is used, and the request's process
 * moves on (the clock resumes by the site's rule, the identity check or the review comes back). One path for both.
 */
@Component
public class RequesterReplies {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Clarifications clarifications;
    private final TokenService tokens;
    private final RequestProcessAdapter process;

    RequesterReplies(JdbcClient jdbc, Clock clock, Clarifications clarifications, TokenService tokens, RequestProcessAdapter process) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.clarifications = clarifications;
        this.tokens = tokens;
        this.process = process;
    }

    /** What became of a reply. */
    public enum Outcome {
        /** The request waited for it: it is the reply, and the process moved on. */
        ANSWERED_THE_WAIT,
        /** Nothing waited: recorded on the request only. */
        RECORDED
    }

    /**
     * Records the reply ({@code inboxMessageId}: the stored email it came in, or null from the reply page), runs
     * {@code withTheReply} with its id, and, when the request waits for one, gives it to the process; in the caller's transaction, so that the privacy team's next task,
     * created by the process here, reads it.
     */
    public Outcome reply(DsrRequest request, String text, Instant receivedAt, Long inboxMessageId,
                         java.util.function.LongConsumer withTheReply) {
        boolean waiting = process.isWaitingForRequesterReply(request.reference());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into dsr_requester_reply (request_id, text, received_at, inbox_message_id, awaited)
                        values (:id, :text, :receivedAt, :message, :awaited)""")
                .param("id", request.id()).param("text", text.strip()).param("receivedAt", Jdbc.utc(receivedAt))
                .param("message", inboxMessageId).param("awaited", waiting)
                .update(keys, "id");
        long replyId = keys.getKeyAs(Number.class).longValue();
        withTheReply.accept(replyId);
        if (!waiting) {
            return Outcome.RECORDED;
        }
        // The answer is kept with the open question before the process moves on.
        clarifications.answered(request.id(), replyId);
        // A reminder carried a second link: every link of this wait is used now.
        tokens.useAll(request.id(), TokenPurpose.REPLY);
        process.requesterReplied(request.reference());
        return Outcome.ANSWERED_THE_WAIT;
    }

    /**
     * The reply page's answer, received now; {@code withTheReply} stores what belongs to it (identity evidence files)
     * before the process moves on.
     */
    public Outcome reply(DsrRequest request, String text, java.util.function.LongConsumer withTheReply) {
        return reply(request, text, clock.instant(), null, withTheReply);
    }
}
