package org.dsrflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.request.RequestRepository;

/**
 * An access request whose departments attach a photo, an email and a text file through the staff API; the privacy
 * team includes the photo, replaces the text file with a redacted version and withholds the email with a reason, and
 * approves; the requester follows the answer email's link and downloads the package. Shared by the H2 and PostgreSQL
 * runs, which check the zip with {@link #assertPackage}.
 */
public final class AnswerPackageScenario {

    public static final String NAME = "Åsa Ørsted";
    public static final byte[] PNG = png();
    public static final byte[] EML = ("From: Shop <shop@example.org>\r\nTo: asa@example.com\r\nSubject: About Bo\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0100\r\nMessage-ID: <2@example.org>\r\n\r\nMARKER-EML-withheld about Bo.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    public static final byte[] NOTES = "Call notes: Åsa Ørsted asked about her licence; colleague Bo Berg's number 555-0101."
            .getBytes(StandardCharsets.UTF_8);
    public static final byte[] REDACTED = "Call notes: Åsa Ørsted asked about her licence; [removed: another person's details]."
            .getBytes(StandardCharsets.UTF_8);

    /** A department's structured exports for a portability request (issue 24, Art. 20): handed over as they are. */
    public static final byte[] CRM_CSV = "customer_id,name,email,newsletter\r\n1001,Lars Holm,lars@example.com,yes\r\n"
            .getBytes(StandardCharsets.UTF_8);
    public static final byte[] ORDERS_JSON = "{\"customer\":1001,\"orders\":[{\"id\":\"A-17\",\"total\":\"129.00 SEK\"}]}\n"
            .getBytes(StandardCharsets.UTF_8);
    public static final String BANK = "Nordic Bank AB";
    public static final String BANK_ADDRESS = "portability@bank.example";

    /** What the scenario made, and the downloaded zip. */
    public record Result(String reference, long requestId, String landingPath, Http.Binary zip, Map<String, byte[]> entries) {
    }

    private final Http http;
    private final DepartmentWork work;
    private final RequestIntakeService intake;
    private final ManagementService management;
    private final RequestProcessAdapter process;
    private final RequestRepository requests;
    private final ReviewedFiles reviewed;
    private final GreenMailExtension greenMail;

    public AnswerPackageScenario(Http http, DepartmentWork work, RequestIntakeService intake, ManagementService management,
                                 RequestProcessAdapter process, RequestRepository requests, ReviewedFiles reviewed,
                                 GreenMailExtension greenMail) {
        this.http = http;
        this.work = work;
        this.intake = intake;
        this.management = management;
        this.process = process;
        this.requests = requests;
        this.reviewed = reviewed;
        this.greenMail = greenMail;
    }

    /** The request answered and its zip downloaded from the answer email's link, as the requester does. */
    public Result run() {
        String reference = answered();
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String landing = Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
        Http.Binary zip = Links.downloadBytes(http, landing, "zip");
        return new Result(reference, requestId, landing, zip, zip.status() == 200 ? unzip(zip.body()) : Map.of());
    }

    /** The request, its files attached and reviewed, answered (the answer email sent); returns its reference. */
    public String answered() {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("ACCESS", NAME,
                Requests.newAddress("asa"), "SE", "sv", List.of("digital", "communication"), null));
        long requestId = requests.findByReference(reference).orElseThrow().id();
        String photo = upload(work.task(reference, "marketing"), "marketing", "digital", "photo.png", PNG);
        String email = upload(work.task(reference, "support"), "support", "communication", "order.eml", EML);
        String notes = upload(work.task(reference, "webdigital"), "webdigital", "communication", "call notes.txt", NOTES);
        work.completeAllFound(reference, "Kontakt: " + NAME);
        reviewed.include(requestId, photo, "testprivacy");
        reviewed.exclude(requestId, email, "It is mainly about another customer (Art. 15(4)).", "testprivacy");
        reviewed.replace(requestId, notes, "A colleague's telephone number removed.", "call notes (redacted).txt", REDACTED,
                "testprivacy");
        work.approve(reference);
        return reference;
    }

    /**
     * A portability request about contact details (in English, at a Swedish site): sales attaches its CRM export (CSV) and
     * order history (JSON) to the category through the staff API, every department answers, the privacy team includes both
     * files and approves. Returns the reference; the answer email's link is {@link #landing}.
     */
    public String portabilityAnswered(String address) {
        String reference = Requests.confirmed(intake, management, process, new NewRequest("PORTABILITY", NAME, address, "SE", "en",
                List.of("contact"), null));
        long requestId = requests.findByReference(reference).orElseThrow().id();
        Task sales = work.task(reference, "sales");
        String csv = upload(sales, "sales", "contact", "crm-export.csv", CRM_CSV);
        String json = upload(sales, "sales", "contact", "orders.json", ORDERS_JSON);
        for (Task task : work.tasks(reference)) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("found", "yes");
            for (Object category : work.categoriesHeld(task)) {
                answer.put(String.valueOf(category), Map.of("data", "Kontakt: " + NAME));
            }
            work.complete(task, answer);
        }
        reviewed.include(requestId, csv, "testprivacy");
        reviewed.include(requestId, json, "testprivacy");
        work.approve(reference);
        return reference;
    }

    /** The download link of the request's answer email. */
    public String landing(String reference) {
        return Mails.linkPath(Mails.text(Mails.lastAbout(greenMail, reference)), "/download\\?token=[A-Za-z0-9_-]+");
    }

    /**
     * As the requester: on the download page, emails a code to {@code address}, enters it (this {@code requester} session),
     * and sends the package to {@link #BANK} at {@link #BANK_ADDRESS}. Returns the page then shown.
     */
    public Http.Response sendToTheBank(Http requester, String landing, String address) {
        return sendToTheBank(requester, landing, address, () -> { });
    }

    /** As {@link #sendToTheBank(Http, String, String)}, with {@code beforeSending} run just before the transfer's post. */
    public Http.Response sendToTheBank(Http requester, String landing, String address, Runnable beforeSending) {
        String token = Links.token(landing);
        String csrf = Http.csrf(requester.get(landing).body());
        assertThat(requester.postForm("/download/code", Map.of("token", token, "_csrf", csrf)).status()).isEqualTo(303);
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?m)^(\\d{6})\\s*$")
                .matcher(Mails.text(Mails.lastTo(greenMail, address)));
        assertThat(digits.find()).as("a six-digit code").isTrue();
        Http.Response page = requester.get(landing + "&code=sent");
        assertThat(requester.postForm("/download/code/check", Map.of("token", token, "code", digits.group(1), "_csrf",
                Http.csrf(page.body()))).status()).isEqualTo(303);
        Http.Response form = requester.get(landing);
        assertThat(form.body()).contains("id=\"transfer-form\"");
        beforeSending.run();
        return requester.postForm("/download/transfer", Map.of("token", token, "organisation", BANK, "address", BANK_ADDRESS,
                "_csrf", Http.csrf(form.body())));
    }

    /** The bank's link, from the last email to it. */
    public String bankLink() {
        return Mails.linkPath(Mails.text(Mails.lastTo(greenMail, BANK_ADDRESS)), "/transfer\\?token=[A-Za-z0-9_-]+");
    }

    /** As the bank, in {@code bank}'s session: opens its link and presses the button; the zip (or the page instead). */
    public static Http.Binary bankDownloads(Http bank, String link) {
        Http.Response page = bank.get(link);
        if (!page.body().contains("id=\"transfer-download\"")) {
            return new Http.Binary(page.status(), page.headers(), page.body().getBytes(StandardCharsets.UTF_8));
        }
        return bank.postFormForBytes("/transfer/file", Map.of("token", Links.token(link), "_csrf", Http.csrf(page.body())));
    }

    /**
     * The other controller's package (Art. 20(2)): the JSON and CSV exports, the department's CSV and JSON exactly as
     * uploaded in files/contact/, and the manifest naming each with its size and SHA-256; no report (HTML or PDF).
     */
    public static void assertStructuredPackage(String reference, Map<String, byte[]> entries) {
        assertThat(entries.keySet()).containsExactlyInAnyOrder(reference + "-personal-data.json", reference + "-personal-data.csv",
                "files/contact/crm-export.csv", "files/contact/orders.json", "manifest.csv");
        assertThat(entries.get("files/contact/crm-export.csv")).isEqualTo(CRM_CSV);
        assertThat(entries.get("files/contact/orders.json")).isEqualTo(ORDERS_JSON);
        List<List<String>> manifest = csv(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8));
        assertThat(manifest.subList(1, manifest.size())).extracting(row -> row.get(0))
                .containsExactlyInAnyOrderElementsOf(entries.keySet().stream().filter(path -> !path.equals("manifest.csv")).toList());
        for (List<String> row : manifest.subList(1, manifest.size())) {
            assertThat(row.get(3)).as(row.get(0)).isEqualTo(String.valueOf(entries.get(row.get(0)).length));
            assertThat(row.get(4)).as(row.get(0)).isEqualTo(sha256(entries.get(row.get(0))));
        }
        assertThat(manifest).contains(List.of("files/contact/crm-export.csv", "contact", "sales", String.valueOf(CRM_CSV.length),
                sha256(CRM_CSV)), List.of("files/contact/orders.json", "contact", "sales", String.valueOf(ORDERS_JSON.length),
                sha256(ORDERS_JSON)));
        assertThat(entries.keySet()).noneMatch(path -> path.endsWith(".html") || path.endsWith(".pdf"));
    }

    /**
     * Exactly the expected entries; every file's bytes as uploaded (the redacted version for the replaced one), none of
     * the withheld email; every manifest line's size and SHA-256 those of its entry; the PDF opens and carries the
     * reference and the name; the JSON parses.
     */
    public static void assertPackage(Result result) {
        String ref = result.reference();
        assertThat(result.zip().status()).as(result.zip().text()).isEqualTo(200);
        assertThat(result.entries().keySet()).containsExactlyInAnyOrder(ref + "-access-report.html", ref + "-access-report.pdf",
                ref + "-personal-data.json", "files/digital/photo.png", "files/communication/call notes (redacted).txt",
                "manifest.csv");
        assertThat(result.entries().get("files/digital/photo.png")).isEqualTo(PNG);
        assertThat(result.entries().get("files/communication/call notes (redacted).txt")).isEqualTo(REDACTED);
        for (byte[] content : result.entries().values()) {
            assertThat(new String(content, StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-EML-withheld");
        }

        List<List<String>> manifest = csv(new String(result.entries().get("manifest.csv"), StandardCharsets.UTF_8));
        assertThat(manifest.get(0)).containsExactly("path", "category", "department", "size", "sha256");
        assertThat(manifest.subList(1, manifest.size())).extracting(row -> row.get(0))
                .containsExactlyInAnyOrderElementsOf(result.entries().keySet().stream().filter(path -> !path.equals("manifest.csv")).toList());
        for (List<String> row : manifest.subList(1, manifest.size())) {
            byte[] entry = result.entries().get(row.get(0));
            assertThat(row.get(3)).as(row.get(0)).isEqualTo(String.valueOf(entry.length));
            assertThat(row.get(4)).as(row.get(0)).isEqualTo(sha256(entry));
        }
        assertThat(manifest).contains(List.of("files/digital/photo.png", "digital", "marketing", String.valueOf(PNG.length), sha256(PNG)),
                List.of("files/communication/call notes (redacted).txt", "communication", "webdigital",
                        String.valueOf(REDACTED.length), sha256(REDACTED)));

        try (PDDocument pdf = Loader.loadPDF(result.entries().get(ref + "-access-report.pdf"))) {
            assertThat(pdf.getNumberOfPages()).isPositive();
            assertThat(new PDFTextStripper().getText(pdf)).contains(ref, NAME);
        } catch (IOException e) {
            throw new AssertionError("the PDF does not open", e);
        }
        try {
            JsonNode json = new ObjectMapper().readTree(result.entries().get(ref + "-personal-data.json"));
            assertThat(json.get("reference").asText()).isEqualTo(ref);
        } catch (IOException e) {
            throw new AssertionError("the JSON does not parse", e);
        }
        assertThat(new String(result.entries().get(ref + "-access-report.html"), StandardCharsets.UTF_8)).contains(ref, NAME);
    }

    private String upload(Task task, String department, String category, String name, byte[] content) {
        Http.Response response = http.postMultipart("/api/staff/tasks/" + task.getId() + "/files", Map.of("category", category),
                "file", name, content, "Authorization", TestUsers.auth(department));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** The zip's entries by path, in order; a zip that does not open fails the test. */
    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(entries.put(entry.getName(), in.readAllBytes())).as("entry " + entry.getName() + " twice").isNull();
            }
        } catch (IOException e) {
            throw new AssertionError("not a zip", e);
        }
        assertThat(entries).as("a zip with entries").isNotEmpty();
        return entries;
    }

    /** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell.length() == 0 && row.isEmpty()).as("the manifest ends with CRLF").isTrue();
        return rows;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png() {
        int[] head = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
                0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
        byte[] tail = "MARKER-PNG-package".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tail.length];
        for (int i = 0; i < head.length; i++) {
            all[i] = (byte) head[i];
        }
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
