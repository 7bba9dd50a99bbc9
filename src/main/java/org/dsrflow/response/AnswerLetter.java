package org.dsrflow.response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.dsrflow.config.Register;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.notification.DateText;
import org.dsrflow.notification.EmailKind;
import org.dsrflow.notification.PostalLetter;
import org.dsrflow.notification.RenderedEmail;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.support.Jdbc;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The answer, or the refusal, of a request without an email address, as the letter the privacy team prints and posts:
 * the organisation, the person's name and postal address where a window envelope shows them, the date and reference,
 * and the text of the email exactly as it would have been sent (same template, same escaping); an answer that hands
 * over data is followed by the report's own PDF, so the letter says what the download would have said. The package
 * (JSON, files) goes with it on a storage medium, from the privacy team's letter page.
 */
@Component
class AnswerLetter implements PostalLetter {

    private static final Logger log = LoggerFactory.getLogger(AnswerLetter.class);

    private final ITemplateEngine templates;
    private final Register register;
    private final DeadlineService deadlines;
    private final DateText dates;
    private final Clock clock;
    private final DocumentService documents;

    AnswerLetter(ITemplateEngine templates, Register register, DeadlineService deadlines, DateText dates, Clock clock,
                 DocumentService documents) {
        this.documents = documents;
        this.templates = templates;
        this.register = register;
        this.deadlines = deadlines;
        this.dates = dates;
        this.clock = clock;
    }

    @Override
    public boolean writes(EmailKind kind) {
        return kind == EmailKind.RESPONSE || kind == EmailKind.REFUSAL;
    }

    @Override
    public boolean written(JdbcClient db, String idempotencyKey) {
        return db.sql("select count(*) from dsr_letter where idempotency_key = :key").param("key", idempotencyKey)
                .query(Integer.class).single() > 0;
    }

    @Override
    public void write(JdbcClient db, DsrRequest request, EmailKind kind, String idempotencyKey, RenderedEmail email, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("sender", register.in(locale.getLanguage()).contact());
        context.setVariable("recipient", request.requesterName() + "\n" + request.postalAddress());
        context.setVariable("date", dates.format(deadlines.today(request.site()), locale));
        context.setVariable("reference", request.reference());
        context.setVariable("subject", email.subject());
        context.setVariable("body", body(email.html()));
        byte[] letter = ReportPdf.render(templates.process("letters/letter", context));
        Optional<byte[]> report = kind == EmailKind.RESPONSE
                ? documents.latest(request.id(), DocumentService.PDF).map(DocumentService.Document::bytes) : Optional.empty();
        byte[] pdf = report.map(r -> merge(letter, r)).orElse(letter);
        db.sql("""
                        insert into dsr_letter (request_id, idempotency_key, kind, file_name, content, pages, created_at)
                        values (:requestId, :key, :kind, :fileName, :content, :pages, :now)""")
                .param("requestId", request.id()).param("key", idempotencyKey).param("kind", kind.name())
                .param("fileName", request.reference() + "-" + kind.template() + "-letter.pdf").param("content", pdf)
                .param("pages", pages(pdf)).param("now", Jdbc.utc(clock.instant()))
                .update();
        log.info("{} of request {} written as a letter to post ({} bytes)", kind, request.reference(), pdf.length);
    }

    /** The email's own content (greeting, text, footer), already escaped by its template; the email's frame left out. */
    private static String body(String html) {
        Element content = Jsoup.parse(html).getElementById("content");
        return content == null ? Jsoup.parse(html).body().html() : content.html();
    }

    private static byte[] merge(byte[] letter, byte[] report) {
        try (PDDocument merged = Loader.loadPDF(letter); PDDocument appended = Loader.loadPDF(report)) {
            new PDFMergerUtility().appendDocument(merged, appended);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            merged.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the letter and the report could not be put together", e);
        }
    }

    private static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("the letter could not be read back", e);
        }
    }
}
