package org.dsrflow.response;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * The answer's report as PDF, rendered from the very HTML the requester downloads (openhtmltopdf), so both say the
 * same. jsoup reads the HTML5 (openhtmltopdf's own parser wants XHTML); the PDF's base fonts (Helvetica for the
 * report's sans-serif) cover the Nordic letters, so no font file ships. The report loads nothing: every external
 * resource is refused, whatever a text in it might say.
 */
final class ReportPdf {

    private ReportPdf() {
    }

    static byte[] render(String html) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "about:blank");
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be rendered as PDF", e);
        }
        return pdf.toByteArray();
    }
}
