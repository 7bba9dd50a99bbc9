package org.dsrflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.DataSubjectRequestProcess;
import org.dsrflow.process.RequestProcessAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity evidence through the reply page (issue 24), as the requester and the privacy team meet it: a health request's
 * identity check asks for more, the requester uploads files from the emailed link, the privacy team sees them from its
 * reopened task, and recording the decision deletes them. Shared by the H2 and PostgreSQL classes.
 */
public final class IdentityEvidenceScenario {

    public static final String PNG_MARKER = "MARKER-EVIDENCE-PNG-4d1e";
    public static final String PDF_MARKER = "MARKER-EVIDENCE-PDF-9b2c";
    public static final byte[] PNG = png(PNG_MARKER);
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + PDF_MARKER + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Http http;
    private final int port;
    private final RequestIntakeService intake;
    private final ManagementService management;
    private final RequestProcessAdapter process;
    private final JdbcClient jdbc;
    private final GreenMailExtension greenMail;

    public IdentityEvidenceScenario(int port, RequestIntakeService intake, ManagementService management, RequestProcessAdapter process,
                                    JdbcClient jdbc, GreenMailExtension greenMail) {
        this.port = port;
        this.http = new Http(port);
        this.intake = intake;
        this.management = management;
        this.process = process;
        this.jdbc = jdbc;
        this.greenMail = greenMail;
    }

    /** A request whose identity check asked the requester for more; the reply link is the one in the email. */
    public record Waiting(String reference, String replyPath) {

        public String token() {
            return replyPath.substring(replyPath.indexOf("token=") + 6);
        }
    }

    /** A health access request (it needs the identity check) whose check the privacy team answered "we need more". */
    public Waiting waitingForEvidence() {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", "Test Person",
                Requests.newAddress("person"), "SE", "en", List.of("health"), null));
        assertThat(http.postJson("/engine-rest/task/" + identityTask(reference) + "/submit-form", """
                {"variables": {"identityMethod": {"value": "KNOWLEDGE"}, "identityOutcome": {"value": "NEED_MORE"},
                 "identityRequest": {"value": "A photo of a letter we sent you."}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        Jobs.executeDue(management);
        String replyPath = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/reply\\?token=[A-Za-z0-9_-]+");
        return new Waiting(reference, replyPath);
    }

    /** Opens the reply page (as the requester, from the email) and sends the text and files with its form. */
    public Http.Response send(Http requester, Waiting waiting, String text, List<Http.FilePart> files) {
        Http.Response page = requester.get(waiting.replyPath());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String action = formAction(page.body());
        return requester.postMultipart(action, Map.of("text", text, "_csrf", Http.csrf(page.body())), files);
    }

    /** The multipart form's action on the reply page (HTML-escaped ampersands undone). */
    public static String formAction(String page) {
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*enctype=\"multipart/form-data\"").matcher(page);
        assertThat(action.find()).as("the reply page has a form that takes files: " + page).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    public static Http.FilePart file(String name, byte[] content) {
        return new Http.FilePart("files", name, content);
    }

    /** The files stored for the request (rows with content). */
    public long storedFiles(String reference) {
        return jdbc.sql("select count(*) from dsr_identity_evidence e join dsr_request r on r.id = e.request_id where r.reference = :ref")
                .param("ref", reference).query(Long.class).single();
    }

    /** The whole path: upload a PNG and a PDF, the privacy team sees and previews them, others are refused, VERIFIED deletes them. */
    public void uploadSeeAndDeleteOnceVerified() {
        Waiting waiting = waitingForEvidence();
        String reference = waiting.reference();
        Http requester = new Http(port);

        Http.Response page = requester.get(waiting.replyPath());
        assertThat(page.body()).contains("id=\"evidence-files\"", "id=\"evidence-use\"", "id=\"evidence-proportionate\"",
                "type=\"file\"", "multiple");
        Http.Response sent = send(requester, waiting, "Here is the letter, and my ID card with the number covered.",
                List.of(file("letter.png", PNG), file("id card.pdf", PDF)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("id=\"reply-sent\"");
        assertThat(storedFiles(reference)).isEqualTo(2);

        // Encrypted at rest, and nowhere in the engine's tables.
        for (byte[] content : jdbc.sql("select content from dsr_identity_evidence e join dsr_request r on r.id = e.request_id "
                + "where r.reference = :ref").param("ref", reference).query((rs, row) -> rs.getBytes(1)).list()) {
            assertThat(new String(content, StandardCharsets.ISO_8859_1)).doesNotContain(PNG_MARKER, PDF_MARKER, "%PDF");
        }
        for (String marker : List.of(PNG_MARKER, PDF_MARKER, "letter.png", "id card.pdf")) {
            assertThat(engineRowsContaining(marker)).as(marker + " in the engine's tables").isZero();
        }

        // The reopened identity check links to the evidence page; the privacy team sees both files and previews them.
        String evidencePath = "/staff/requests/" + reference + "/identity-evidence";
        Http privacy = WebappSessions.logIn(port, "privacy", "tasklist");
        Http.Response evidence = privacy.get(evidencePath);
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        assertThat(evidence.header("Cache-Control")).isEqualTo("no-store");
        assertThat(evidence.body()).contains("letter.png", "id card.pdf", "image/png", "application/pdf",
                "A photo of a letter we sent you.", "Here is the letter");
        String pngPath = contentPath(evidence.body(), "letter.png");
        assertThat(evidence.body()).contains("<img src=\"" + pngPath + "\"");
        String pdfPath = contentPath(evidence.body(), "id card.pdf");
        assertThat(evidence.body()).containsPattern("<a href=\"" + Pattern.quote(pdfPath) + "\"[^>]*target=\"_blank\"");
        Http.Binary preview = privacy.getBytes(pngPath);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).isEqualTo(PNG);
        assertThat(preview.header("Content-Type")).isEqualTo("image/png");
        assertThat(preview.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(preview.header("Cache-Control")).isEqualTo("no-store");
        assertThat(preview.header("Content-Security-Policy")).contains("sandbox");
        assertThat(preview.header("Content-Disposition")).startsWith("inline");
        Http.Binary pdf = privacy.getBytes(pdfPath);
        assertThat(pdf.body()).isEqualTo(PDF);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // A department and a manager get the staff pages' refusal; nobody signed in, 401.
        for (String group : List.of("training", "managers")) {
            Http other = WebappSessions.logIn(port, group, "managers".equals(group) ? "cockpit" : "tasklist");
            assertThat(other.get(evidencePath).status()).as(group).isEqualTo(403);
            assertThat(other.getBytes(pngPath).status()).as(group).isEqualTo(403);
        }
        assertThat(requester.get(evidencePath).status()).isEqualTo(401);
        assertThat(requester.getBytes(pngPath).status()).isEqualTo(401);

        // The decision deletes the files and leaves a trace on the request page; the departments start as before.
        assertThat(http.postJson("/engine-rest/task/" + identityTask(reference) + "/submit-form", """
                {"variables": {"identityMethod": {"value": "EVIDENCE"}, "identityOutcome": {"value": "VERIFIED"}}}""",
                "Authorization", TestUsers.auth("privacy")).status()).isEqualTo(204);
        assertThat(storedFiles(reference)).isZero();
        assertThat(privacy.getBytes(pngPath).status()).isEqualTo(404);
        Http.Response afterwards = privacy.get(evidencePath);
        assertThat(afterwards.body()).doesNotContain("letter.png").contains("2 files of identity evidence, deleted on ");
        assertThat(privacy.get("/staff/requests/" + reference).body()).contains("2 files of identity evidence, deleted on ");
        Jobs.executeDue(management);
        assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=" + reference, "Authorization",
                TestUsers.auth("training")).json()).hasSize(1);
    }

    private String identityTask(String reference) {
        JsonNode tasks = http.get("/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey="
                + DataSubjectRequestProcess.Elements.USER_IDENTITY_CHECK, "Authorization", TestUsers.auth("privacy")).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    /** The preview link of the file with this name on the evidence page. */
    private static String contentPath(String page, String name) {
        Matcher row = Pattern.compile("data-name=\"" + Pattern.quote(name) + "\"[^>]*data-content=\"([^\"]+)\"").matcher(page);
        assertThat(row.find()).as("the evidence page lists " + name + ": " + page).isTrue();
        return row.group(1);
    }

    /** Rows of the engine's variable, history and byte-array tables holding the marker. */
    public long engineRowsContaining(String marker) {
        long rows = 0;
        for (String sql : List.of("select coalesce(text_, '') || ' ' || coalesce(text2_, '') from act_ru_variable",
                "select coalesce(text_, '') || ' ' || coalesce(text2_, '') from act_hi_varinst",
                "select coalesce(text_, '') || ' ' || coalesce(text2_, '') from act_hi_detail")) {
            rows += jdbc.sql(sql).query(String.class).list().stream().filter(text -> text != null && text.contains(marker)).count();
        }
        rows += jdbc.sql("select bytes_ from act_ge_bytearray").query((rs, row) -> rs.getBytes(1)).list().stream()
                .filter(bytes -> bytes != null && new String(bytes, StandardCharsets.ISO_8859_1).contains(marker)).count();
        return rows;
    }

    /** A real picture (a browser draws it): a 320 × 200 "letter" with a line of text. */
    public static byte[] picture() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, 320, 200);
        graphics.setColor(java.awt.Color.DARK_GRAY);
        graphics.drawRect(10, 10, 299, 179);
        graphics.drawString("Example Group - letter ref. 4711", 30, 60);
        graphics.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] png(String marker) {
        int[] head = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
                0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
        byte[] tail = marker.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tail.length];
        for (int i = 0; i < head.length; i++) {
            all[i] = (byte) head[i];
        }
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
