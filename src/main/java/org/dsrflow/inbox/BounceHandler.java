package org.dsrflow.inbox;

import java.time.Clock;
import java.util.Optional;
import org.dsrflow.notification.CorrespondenceRepository;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.process.MailNoticeProcess;
import org.dsrflow.process.MailNotices;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A delivery status notification for one of our emails: a failure marks that email BOUNCED in the correspondence log
 * (code, diagnostic, when) and opens the privacy team's task "The acknowledgement of DSR-… bounced: 550 5.1.1 user
 * unknown" (reference, email, codes: never the address, which the diagnostic may quote — that is on the request page);
 * a delay is noted and changes nothing. A DSN we cannot read, or for an email that is not ours, goes on to the
 * new-message task.
 */
@Component
class BounceHandler implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(BounceHandler.class);

    private final InboxMessages messages;
    private final CorrespondenceRepository correspondence;
    private final RequestRepository requests;
    private final MailNotices notices;
    private final Clock clock;

    BounceHandler(InboxMessages messages, CorrespondenceRepository correspondence, RequestRepository requests, MailNotices notices,
                  Clock clock) {
        this.messages = messages;
        this.correspondence = correspondence;
        this.requests = requests;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean handle(InboundMessage message) {
        if (!MailHeaders.isDeliveryReport(message.mime())) {
            return false;
        }
        Optional<DeliveryReport> report = DeliveryReport.of(message.mime());
        Optional<CorrespondenceRepository.Sent> sent = report.flatMap(found -> correspondence.findSent(found.originalMessageIds()));
        Optional<DsrRequest> request = sent.flatMap(email -> requests.findById(email.requestId()));
        if (request.isEmpty()) {
            return false;
        }
        long requestId = request.get().id();
        if (report.get().failed()) {
            boolean bounced = correspondence.markBounced(sent.get().id(), report.get().status(), report.get().diagnostic(),
                    message.arrivedAt());
            if (bounced) { // a second report for the same email changes nothing
                if (sent.get().kind() == EmailKind.RESPONSE || sent.get().kind() == EmailKind.REFUSAL) {
                    requests.answerNotDelivered(requestId); // a bounced answer is no answer in the SLA figures
                }
                notices.start(message.storedId(), request.get().reference(), MailNoticeProcess.Kinds.BOUNCE,
                        title(sent.get().kind(), request.get().reference(), report.get()));
            }
        } else if (report.get().delayed()) {
            correspondence.noteDelayed(sent.get().id(), message.arrivedAt());
        }
        messages.decide(message.storedId(), InboxMessages.Status.BOUNCE, requestId, InboxMessages.DSR_FLOW, clock.instant());
        log.info("Inbox message {}: delivery report ({}) for email {} of request {}", message.storedId(), report.get().action()
                .replaceAll("[^a-z]", ""), sent.get().id(), request.get().reference());
        return true;
    }

    /** "The acknowledgement of DSR-2026-000001 bounced: 550 5.1.1 user unknown": codes and their standard meaning only. */
    static String title(EmailKind kind, String reference, DeliveryReport report) {
        StringBuilder title = new StringBuilder("The ").append(label(kind)).append(" of ").append(reference).append(" bounced");
        String codes = String.join(" ", java.util.stream.Stream.of(report.smtpCode().orElse(null), report.status())
                .filter(java.util.Objects::nonNull).toList());
        if (!codes.isEmpty()) {
            title.append(": ").append(codes);
        }
        return title.append(report.status() == null ? "" : " " + meaning(report.status())).toString();
    }

    /** RFC 3463's meaning of the enhanced status code, in a few words. */
    static String meaning(String status) {
        String detail = status.substring(status.indexOf('.') + 1);
        return switch (detail) {
            case "1.1" -> "user unknown";
            case "1.2" -> "domain unknown";
            case "1.3" -> "address malformed";
            case "2.1" -> "mailbox disabled";
            case "2.2" -> "mailbox full";
            case "2.3" -> "message too large for the mailbox";
            case "3.4" -> "message too large";
            default -> switch (detail.substring(0, detail.indexOf('.'))) {
                case "1" -> "address problem";
                case "2" -> "mailbox problem";
                case "3" -> "mail system problem";
                case "4" -> "network or routing problem";
                case "5" -> "protocol problem";
                case "6" -> "content problem";
                case "7" -> "refused by policy";
                default -> "delivery failed";
            };
        };
    }

    /** Which email, as the privacy team calls it (every kind: a new one does not compile until named). */
    static String label(EmailKind kind) {
        return switch (kind) {
            case ACKNOWLEDGEMENT -> "acknowledgement";
            case CONFIRMATION_REMINDER -> "confirmation reminder";
            case CLOSED_UNCONFIRMED -> "closure (not confirmed) notice";
            case EXTENSION_NOTICE -> "extension notice";
            case IDENTITY_EVIDENCE_REQUEST -> "request for identity evidence";
            case CLOSED_NO_REPLY -> "closure (no reply) notice";
            case CLARIFICATION_REQUEST -> "question";
            case CLARIFICATION_REMINDER -> "question's reminder";
            case FEE_NOTICE -> "fee notice";
            case CLOSED_FEE_UNPAID -> "closure (fee unpaid) notice";
            case RESPONSE -> "answer";
            case DOWNLOAD_LINK -> "new download link";
            case DOWNLOAD_CODE -> "download code";
            case REFUSAL -> "refusal";
            case RESTRICTION_LIFTING_NOTICE -> "restriction lifting notice";
            case DEADLINE_WARNING -> "deadline warning";
            case EXTERNAL_PARTY_REQUEST -> "request to a processor or recipient";
            case EXTERNAL_PARTY_REMINDER -> "reminder to a processor or recipient";
            case EXTERNAL_PARTY_ESCALATION -> "escalation (processor or recipient)";
            case DEPARTMENT_TASK -> "department's task email";
            case DEPARTMENT_TASK_RETURNED -> "department's returned-answer email";
            case DEPARTMENT_REMINDER -> "department reminder";
            case DEPARTMENT_ESCALATION -> "department escalation";
            case BREACH_ESCALATION -> "deadline breach escalation";
            case TRANSMISSION_CONFIRMATION -> "confirmation of the transmission (Art. 20(2))";
            case TRANSMISSION -> "portability package to another organisation";
        };
    }
}
