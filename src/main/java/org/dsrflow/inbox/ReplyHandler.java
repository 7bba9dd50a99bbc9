package org.dsrflow.inbox;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dsrflow.evidence.EvidenceRefused;
import org.dsrflow.evidence.IdentityEvidence;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.process.MailNoticeProcess;
import org.dsrflow.process.MailNotices;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.review.RequesterReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A reply to one of our emails lands on its request. Matched by In-Reply-To or References naming one of our Message-IDs
 * (deterministic, never shown to anyone but the recipient); taken as the requester's reply only when the sender is the
 * request's address (case-insensitive). A reference in the subject alone is not enough: anyone can write it, so such an
 * email stays the new-message task, with the attachment pre-filled, for a person to decide. Then it is
 * recorded on the request and, where the request waits for the requester, it is the reply, exactly as on the reply page
 * ({@link RequesterReplies}), and the attachments of a reply to a request for identity evidence become identity evidence
 * when they pass the reply page's checks; where nothing waits, the privacy team gets the task "A reply about DSR-… arrived". A reply
 * to our email from another address becomes the new-message task, with the attachment to that request pre-filled.
 */
@Component
class ReplyHandler implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(ReplyHandler.class);

    /** The reply column's size; what is beyond it stays in the stored email. */
    static final int MAX_TEXT = 4000;

    private final InboxMessages messages;
    private final CorrespondenceRepository correspondence;
    private final RequestRepository requests;
    private final RequesterReplies replies;
    private final MailNotices notices;
    private final NewMessageHandler newMessages;
    private final Clock clock;
    private final IdentityEvidence evidence;
    private final RequestProcessAdapter process;

    ReplyHandler(InboxMessages messages, CorrespondenceRepository correspondence, RequestRepository requests,
                 RequesterReplies replies, MailNotices notices, NewMessageHandler newMessages, Clock clock, IdentityEvidence evidence,
                 RequestProcessAdapter process) {
        this.evidence = evidence;
        this.process = process;
        this.messages = messages;
        this.correspondence = correspondence;
        this.requests = requests;
        this.replies = replies;
        this.notices = notices;
        this.newMessages = newMessages;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean handle(InboundMessage message) {
        InboxMessages.Stored stored = messages.find(message.storedId()).orElseThrow();
        if (stored.senderAddress() == null) {
            return false;
        }
        Optional<DsrRequest> answered = correspondence.findSent(MailHeaders.answered(message.mime()))
                .flatMap(sent -> requests.findById(sent.requestId()));
        if (answered.isPresent() && !fromRequester(stored, answered.get())) {
            // From is easily forged, but a reply from another address is certainly not the requester's: a person looks.
            return newMessages.aboutRequest(message, answered.get().reference(), "This email answers one of dsr-flow's emails about "
                    + answered.get().reference() + ", but it came from another address than the request's: it was not taken as the "
                    + "requester's reply. Check who wrote it before you attach it.");
        }
        Optional<DsrRequest> request = answered;
        if (request.isEmpty()) {
            return false;
        }
        List<IdentityEvidence.Incoming> files = evidenceFiles(request.get(), message);
        RequesterReplies.Outcome outcome = replies.reply(request.get(), text(message), message.arrivedAt(), message.storedId(),
                replyId -> evidence.store(request.get().id(), replyId, files));
        messages.decide(message.storedId(), InboxMessages.Status.REPLY, request.get().id(), InboxMessages.DSR_FLOW, clock.instant());
        if (outcome == RequesterReplies.Outcome.RECORDED) {
            notices.start(message.storedId(), request.get().reference(), MailNoticeProcess.Kinds.REPLY,
                    "A reply about " + request.get().reference() + " arrived");
        }
        return true;
    }

    private static boolean fromRequester(InboxMessages.Stored stored, DsrRequest request) {
        return request.requesterEmail() != null
                && request.requesterEmail().strip().toLowerCase(Locale.ROOT).equals(stored.senderAddress().strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The attachments of a reply to a request for identity evidence, when they pass the reply page's checks (number, size,
     * type by content); otherwise none (the email keeps them on its message page, linked from the request page).
     */
    private List<IdentityEvidence.Incoming> evidenceFiles(DsrRequest request, InboundMessage message) {
        if (!process.isWaitingForIdentityEvidence(request.reference())) {
            return List.of();
        }
        List<IdentityEvidence.Incoming> files = MessageContent.of(message.mime()).attachments().stream()
                .map(attachment -> new IdentityEvidence.Incoming(attachment.name(), attachment.content())).toList();
        try {
            evidence.check(files);
            return files;
        } catch (EvidenceRefused refused) {
            log.info("Inbox message {}: its attachments are not taken as identity evidence ({})", message.storedId(), refused.problem());
            return List.of();
        }
    }

    /** The reply's own words: the quoted lines of our email left out (they are in the stored email), at most the column. */
    static String text(InboundMessage message) {
        String text = MessageContent.of(message.mime()).text();
        String own = text.lines().filter(line -> !line.stripLeading().startsWith(">"))
                .collect(java.util.stream.Collectors.joining("\n")).strip();
        if (own.isEmpty()) {
            own = text.isBlank() ? "(The email has no text: read it as it arrived.)" : text.strip();
        }
        return own.length() > MAX_TEXT ? own.substring(0, MAX_TEXT) : own;
    }
}
