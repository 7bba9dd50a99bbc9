package org.dsrflow.response;

import java.time.Instant;
import java.time.LocalDate;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.notification.EmailContext;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.EmailPreparation;
import org.dsrflow.notification.PreparedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.PublicLinks;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The answer email's contents: the {@link Answer} compiled from the departments' work and the
 * register, and for an access request with data its report and export, as expiring download links
 * (stored documents and a download token) or as attachments, as configured.
 */
@Component
class AnswerEmail implements EmailPreparation {

    private final AnswerBuilder answers;
    private final DocumentService documents;
    private final DeadlineService deadlines;
    private final TokenService tokens;
    private final PublicLinks links;
    private final Register register;
    private final DsrProperties.Response settings;

    AnswerEmail(AnswerBuilder answers, DocumentService documents, DeadlineService deadlines, TokenService tokens,
                PublicLinks links, Register register, DsrProperties properties) {
        this.answers = answers;
        this.documents = documents;
        this.deadlines = deadlines;
        this.tokens = tokens;
        this.links = links;
        this.register = register;
        this.settings = properties.response();
    }

    @Override
    public boolean prepares(EmailKind kind) {
        return kind == EmailKind.RESPONSE;
    }

    @Override
    public void prepare(JdbcClient db, DsrRequest request, EmailContext context, PreparedEmail email) {
        Answer answer = answers.build(request, deadlines.today(request.site()),
                context.partialRefusal() ? register.in(email.locale()).reasons(org.dsrflow.config.DsrProperties.ReasonKind.REFUSAL,
                        context.refusalReason(), context.reviewComment()) : null);
        email.put("answer", answer);
        boolean csv = request.type().handsOverCsv();
        if (!request.type().handsOverData() || !answer.dataFound()) {
            return;
        }
        if (!request.hasEmail()) {
            // By post: the letter encloses the report, the package goes on a storage medium (AnswerLetter); no link.
            documents.store(db, request.id(), answer, email.locale());
            email.put("byPost", true);
            return;
        }
        switch (attachable(answer) ? DsrProperties.Response.Delivery.ATTACHMENT : DsrProperties.Response.Delivery.LINK) {
            case LINK -> {
                Instant expires = documents.store(db, request.id(), answer, email.locale());
                String token = tokens.issue(db, request.id(), TokenPurpose.DOWNLOAD, settings.linkValidity());
                email.put("reportUrl", links.to("/download?token=" + token))
                        .put("exportUrl", links.to("/download?token=" + token + "&format=json"))
                        .put("csvUrl", csv ? links.to("/download?token=" + token + "&format=csv") : null)
                        .put("linksExpire", LocalDate.ofInstant(expires,
                                register.in(request.language().name()).site(request.site()).zone()));
            }
            case ATTACHMENT -> {
                String html = documents.html(answer, email.locale(), false);
                email.attach(answer.reference() + "-access-report.html", "text/html", html)
                        .attach(answer.reference() + "-access-report.pdf", "application/pdf", ReportPdf.render(html))
                        .attach(answer.reference() + "-personal-data.json", "application/json", documents.json(answer));
                if (csv) {
                    email.attach(answer.reference() + "-personal-data.csv", "text/csv", documents.csv(answer));
                }
            }
        }
    }

    /**
     * Attached only when the organisation chose it and nothing calls for the download page: an attachment can neither
     * ask for the one-time code (special-category data, or every answer by setting) nor carry the departments' files
     * (up to 250 MB, each reviewed), so such an answer goes by link whatever {@code delivery} says.
     */
    private boolean attachable(Answer answer) {
        if (settings.delivery() != DsrProperties.Response.Delivery.ATTACHMENT || !answer.files().isEmpty()) {
            return false;
        }
        return switch (settings.downloadCode()) {
            case ALL -> false;
            case NONE -> true;
            case SPECIAL_CATEGORIES -> answer.categories().stream().noneMatch(Answer.CategorySection::specialCategory);
        };
    }
}
