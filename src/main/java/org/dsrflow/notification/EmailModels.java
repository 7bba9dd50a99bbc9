package org.dsrflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.deadlines.RequestDeadlines;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The model an email is rendered from: what every email says of its request (reference, type, organisation,
 * site, dates), what it says of its {@link Addressee}, and what its kind says beyond that, one case per kind.
 * The links a kind carries are issued here, in the transaction that claims the email. What other parts of
 * dsr-flow prepare (the answer, a question, a fee, a party's link) is added after this, by their
 * {@link EmailPreparation}.
 */
@Component
class EmailModels {

    private final DeadlineService deadlines;
    private final TokenService tokens;
    private final DsrProperties properties;
    private final PublicLinks links;
    private final Clock clock;

    EmailModels(DeadlineService deadlines, TokenService tokens, DsrProperties properties, PublicLinks links, Clock clock) {
        this.deadlines = deadlines;
        this.tokens = tokens;
        this.properties = properties;
        this.links = links;
        this.clock = clock;
    }

    Map<String, Object> of(JdbcClient db, DsrRequest request, EmailKind kind, EmailContext context, Addressee to) {
        Register.Site site = to.texts().site(request.site());
        RequestDeadlines dates = deadlines.current(request.id());
        Map<String, Object> model = new HashMap<>();
        model.put("reference", request.reference());
        model.put("type", request.type().name());
        model.put("organisation", to.texts().organisationName());
        model.put("site", site);
        model.put("siteCode", request.site());
        model.put("receivedOn", request.receivedOn());
        model.put("dueDate", dates.deadlines().dueDate());
        model.put("answerDueDate", dates.answerDueDate());
        model.put("extended", dates.extended());
        model.putAll(to.model());
        model.putAll(ofKind(db, request, kind, context, to, site, dates));
        return model;
    }

    /** What the kind says beyond the common model. A new kind is a compile error here until it is modelled. */
    private Map<String, Object> ofKind(JdbcClient db, DsrRequest request, EmailKind kind, EmailContext context, Addressee to,
                                       Register.Site site, RequestDeadlines dates) {
        return switch (kind) {
            case ACKNOWLEDGEMENT -> confirmation(db, request, context, site, true);
            case CONFIRMATION_REMINDER -> confirmation(db, request, context, site, false);
            // The register's standard reason in the addressee's language, then the privacy team's own words.
            case EXTENSION_NOTICE -> part("extendedDueDate", dates.deadlines().extendedDueDate(), "reasons",
                    to.texts().reasons(DsrProperties.ReasonKind.EXTENSION, dates.extensionReason(), dates.extensionReasons()));
            case REFUSAL -> part("reasons", to.texts().reasons(DsrProperties.ReasonKind.REFUSAL, context.refusalReason(),
                    context.reviewComment()));
            case IDENTITY_EVIDENCE_REQUEST -> part("identityRequest", context.identityRequest(), "replyUrl", replyLink(db, request));
            // The question itself is prepared by review/ (EmailPreparation); the link works once.
            case CLARIFICATION_REQUEST, CLARIFICATION_REMINDER -> part("replyUrl", replyLink(db, request));
            // Their task's link and due date: departments/ (EmailPreparation).
            case DEPARTMENT_TASK, DEPARTMENT_TASK_RETURNED, DEPARTMENT_REMINDER, DEPARTMENT_ESCALATION ->
                    part("department", to.texts().departmentName(context.department()));
            // Prepared elsewhere: the fee by review/, the answer, a new download link and a download code, the lifting notice and the
            // parties' links by response/.
            case FEE_NOTICE, CLOSED_FEE_UNPAID, RESPONSE, DOWNLOAD_LINK, DOWNLOAD_CODE, RESTRICTION_LIFTING_NOTICE, EXTERNAL_PARTY_REQUEST,
                 EXTERNAL_PARTY_REMINDER, EXTERNAL_PARTY_ESCALATION -> Map.of();
            // Art. 20(2): the organisation's name and address as the requester gave them; its link comes from response/.
            case TRANSMISSION, TRANSMISSION_CONFIRMATION -> part("recipientName", context.otherController().name(),
                    "recipientAddress", context.otherController().address());
            // The common model says it all.
            case CLOSED_UNCONFIRMED, CLOSED_NO_REPLY, DEADLINE_WARNING, BREACH_ESCALATION -> Map.of();
        };
    }

    /** The acknowledgement (with the status link) and its reminder: the confirmation link while it is required. */
    private Map<String, Object> confirmation(JdbcClient db, DsrRequest request, EmailContext context, Register.Site site,
                                             boolean acknowledgement) {
        Map<String, Object> part = part("confirmationRequired", context.confirmationRequired());
        if (acknowledgement) {
            String statusKey = tokens.issue(db, request.id(), TokenPurpose.STATUS, null);
            part.put("statusUrl", links.to("/status?ref=" + request.reference() + "&key=" + statusKey));
        }
        if (context.confirmationRequired()) {
            Duration validity = properties.confirmation().linkValidity();
            String token = tokens.issue(db, request.id(), TokenPurpose.CONFIRM, validity);
            part.put("confirmUrl", links.to("/confirm?token=" + token));
            part.put("confirmBy", LocalDate.ofInstant(clock.instant().plus(validity), site.zone()));
        }
        return part;
    }

    private String replyLink(JdbcClient db, DsrRequest request) {
        String token = tokens.issue(db, request.id(), TokenPurpose.REPLY, properties.deadlines().replyExpiry());
        return links.to("/reply?token=" + token);
    }

    /** Values may be null (the templates then show nothing). */
    private static Map<String, Object> part(String name, Object value) {
        Map<String, Object> part = new HashMap<>();
        part.put(name, value);
        return part;
    }

    private static Map<String, Object> part(String name, Object value, String otherName, Object otherValue) {
        Map<String, Object> part = part(name, value);
        part.put(otherName, otherValue);
        return part;
    }
}
