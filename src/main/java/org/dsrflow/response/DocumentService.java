package org.dsrflow.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.notification.DateText;
import org.dsrflow.support.Csv;
import org.dsrflow.support.Jdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The access report as documents: a human-readable HTML report, the same report as PDF and a machine-readable JSON
 * export, stored until their download link expires; every download is recorded.
 */
@Service
public class DocumentService {

    public static final String HTML = "html";
    public static final String JSON = "json";
    public static final String CSV = "csv";
    public static final String PDF = "pdf";
    /** A download of the whole package ({@code AnswerPackage}), recorded against the answer's report. */
    public static final String ZIP = "zip";

    private final JdbcClient jdbc;
    private final ITemplateEngine templates;
    private final ObjectMapper json;
    private final DsrProperties properties;
    private final Clock clock;
    private final DateText dates;

    DocumentService(JdbcClient jdbc, ITemplateEngine templates, ObjectMapper json, DsrProperties properties, Clock clock,
                    DateText dates) {
        this.dates = dates;
        this.jdbc = jdbc;
        this.templates = templates;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** Renders the report as HTML in the requester's language (the same template serves the staff's read-only view). */
    public String html(Answer answer, Locale locale, boolean forStaff) {
        Context context = new Context(locale);
        context.setVariable("answer", answer);
        context.setVariable("forStaff", forStaff);
        context.setVariable("dates", dates);
        return templates.process("documents/access-report", context);
    }

    public String json(Answer answer) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The findings as CSV (RFC 4180): one row per category and department, for a portability
     * request's machine-readable package. A cell a spreadsheet would run as a formula gets a leading
     * apostrophe ({@link Csv}): the departments' answers are free text.
     */
    public String csv(Answer answer) {
        StringBuilder csv = new StringBuilder("category,department,data,source\r\n");
        for (Answer.CategorySection section : answer.categories()) {
            for (Answer.Finding finding : section.findings()) {
                if (finding.system() != null) {
                    // A system's records: one line each, its fields as "name: value" pairs, the system as the source.
                    for (java.util.Map<String, Object> record : finding.records()) {
                        String data = String.join("; ", finding.columns().stream()
                                .map(column -> column + ": " + (record.get(column) == null ? "" : record.get(column))).toList());
                        csv.append(String.join(",", field(section.id()), field(finding.department()), field(data),
                                field(finding.system()))).append("\r\n");
                    }
                    continue;
                }
                csv.append(String.join(",", field(section.id()), field(finding.department()), field(finding.data()),
                        field(finding.source() == null ? "" : finding.source()))).append("\r\n");
            }
        }
        return csv.toString();
    }

    private static String field(String value) {
        return Csv.quoted(value);
    }

    /**
     * Stores the documents of an access report through {@code db} (the email's own transaction,
     * see notification/DeliveryDatabase); returns when they expire.
     */
    public Instant store(JdbcClient db, long requestId, Answer answer, Locale locale) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.response().linkValidity());
        String html = html(answer, locale, false);
        insert(db, requestId, HTML, "text/html;charset=UTF-8", answer.reference() + "-access-report.html", html, now, expires);
        insertBinary(db, requestId, PDF, "application/pdf", answer.reference() + "-access-report.pdf", ReportPdf.render(html), now,
                expires);
        insert(db, requestId, JSON, "application/json", answer.reference() + "-personal-data.json", json(answer), now, expires);
        if (answer.type().handsOverCsv()) {
            insert(db, requestId, CSV, "text/csv;charset=UTF-8", answer.reference() + "-personal-data.csv", csv(answer), now, expires);
        }
        return expires;
    }

    /** The kinds of document the request's answer has (html, pdf, json, csv), without reading their contents. */
    public java.util.Set<String> kinds(long requestId) {
        return java.util.Set.copyOf(jdbc.sql("select distinct kind from dsr_document where request_id = :requestId")
                .param("requestId", requestId).query(String.class).list());
    }

    /** The latest document of a kind for a request, if any. */
    public Optional<Document> latest(long requestId, String kind) {
        return jdbc.sql("select * from dsr_document where request_id = :requestId and kind = :kind order by id desc fetch first 1 rows only")
                .param("requestId", requestId).param("kind", kind)
                .query((rs, row) -> new Document(rs.getLong("id"), rs.getString("kind"), rs.getString("content_type"),
                        rs.getString("file_name"), rs.getString("content"), rs.getBytes("binary_content"),
                        Jdbc.instant(rs, "expires_at")))
                .optional();
    }

    /** How often the request's answer was downloaded (documents and packages). */
    public long downloadCount(long requestId) {
        return jdbc.sql("select count(*) from dsr_download l join dsr_document d on d.id = l.document_id where d.request_id = :requestId")
                .param("requestId", requestId).query(Long.class).single();
    }

    /** Every download of the request's documents and packages, oldest first. */
    public List<Download> downloadsOf(long requestId) {
        return jdbc.sql("""
                        select coalesce(l.format, d.kind) as format, l.downloaded_at from dsr_download l
                        join dsr_document d on d.id = l.document_id where d.request_id = :requestId order by l.id""")
                .param("requestId", requestId)
                .query((rs, row) -> new Download(rs.getString("format"), Jdbc.instant(rs, "downloaded_at"))).list();
    }

    /** Records a download of the document itself. */
    @Transactional
    public void recordDownload(Document document) {
        record(document.id(), document.kind());
    }

    /** Records a download of the whole package, against the answer's report (the package has no row of its own). */
    @Transactional
    public void recordPackageDownload(Document report) {
        record(report.id(), ZIP);
    }

    /** The request's documents work again until {@code until} (a fresh link after the old one expired). */
    @Transactional
    public void extend(long requestId, Instant until) {
        jdbc.sql("update dsr_document set expires_at = :until where request_id = :requestId")
                .param("until", Jdbc.utc(until)).param("requestId", requestId).update();
    }

    private void record(long documentId, String format) {
        jdbc.sql("insert into dsr_download (document_id, format, downloaded_at) values (:id, :format, :now)")
                .param("id", documentId).param("format", format).param("now", Jdbc.utc(clock.instant())).update();
    }

    private static void insert(JdbcClient db, long requestId, String kind, String contentType, String fileName,
                               String content, Instant now, Instant expires) {
        insert(db, requestId, kind, contentType, fileName, "content", content, now, expires);
    }

    private static void insertBinary(JdbcClient db, long requestId, String kind, String contentType, String fileName,
                                     byte[] content, Instant now, Instant expires) {
        insert(db, requestId, kind, contentType, fileName, "binary_content", content, now, expires);
    }

    /** A document row, its content in {@code column} (text in {@code content}, bytes in {@code binary_content}). */
    private static void insert(JdbcClient db, long requestId, String kind, String contentType, String fileName, String column,
                               Object content, Instant now, Instant expires) {
        db.sql("insert into dsr_document (request_id, kind, content_type, file_name, " + column + ", created_at, expires_at) "
                        + "values (:requestId, :kind, :contentType, :fileName, :content, :now, :expires)")
                .param("requestId", requestId).param("kind", kind).param("contentType", contentType)
                .param("fileName", fileName).param("content", content)
                .param("now", Jdbc.utc(now)).param("expires", Jdbc.utc(expires))
                .update();
    }

    /** A stored document: a text one ({@code content}) or a binary one ({@code binary}, the PDF). */
    public record Document(long id, String kind, String contentType, String fileName, String content, byte[] binary,
                           Instant expiresAt) {

        /** The document as it is downloaded. */
        public byte[] bytes() {
            return binary != null ? binary : content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One download: what was downloaded (a document's kind, or {@link #ZIP}) and when. */
    public record Download(String format, Instant at) {
    }
}
