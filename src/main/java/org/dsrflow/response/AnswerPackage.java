package org.dsrflow.response;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.departments.ReviewedFiles;
import org.dsrflow.support.Csv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The whole answer as one zip a person can open (Art. 15(3), issue 24): the report as HTML and PDF, the JSON export
 * (and a portability request's CSV) as stored when the answer was sent, the departments' files as the privacy team's
 * review hands them over ({@link ReviewedFiles#toHandOver}: included ones as attached, replaced ones as redacted) in
 * a folder per category, and {@code manifest.csv} naming every entry with its category, department, size and SHA-256.
 * Written straight to the given stream, one file decrypted at a time: a request may hold 250 MB of files, never all
 * in memory. Logs ids only.
 */
@Service
public class AnswerPackage {

    private static final Logger log = LoggerFactory.getLogger(AnswerPackage.class);
    static final String MANIFEST = "manifest.csv";
    private static final List<String> DOCUMENTS = List.of(DocumentService.HTML, DocumentService.PDF, DocumentService.JSON,
            DocumentService.CSV);
    /** Characters Windows, macOS or an unzip tool would read as a path or refuse in a name. */
    private static final Pattern UNSAFE = Pattern.compile("[<>:\"/\\\\|?*]");
    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    /**
     * What another controller receives (Art. 20(2)): the structured part only, the JSON and the CSV; no report addressed
     * to the person, neither as HTML nor as PDF (the same report, for reading, not machine-readable).
     */
    private static final List<String> STRUCTURED = List.of(DocumentService.JSON, DocumentService.CSV);

    private final DocumentService documents;
    private final ReviewedFiles files;
    private final DsrProperties properties;

    AnswerPackage(DocumentService documents, ReviewedFiles files, DsrProperties properties) {
        this.documents = documents;
        this.files = files;
        this.properties = properties;
    }

    /** Writes the request's package as a zip to {@code out} (which it finishes, not closes). */
    public void write(long requestId, OutputStream out) throws IOException {
        write(requestId, out, DOCUMENTS, file -> true);
    }

    /**
     * The package another controller downloads (Art. 20(2)): the JSON and the CSV, the reviewed files of the categories
     * the register marks portable (wholly or in part: a portability task has no others; checked again here), the manifest.
     */
    public void writeStructured(long requestId, OutputStream out) throws IOException {
        DsrProperties.Organisation organisation = properties.organisation();
        write(requestId, out, STRUCTURED, file -> organisation.categories().containsKey(file.category())
                && organisation.category(file.category()).portableInPart());
    }

    private void write(long requestId, OutputStream out, List<String> kinds, java.util.function.Predicate<ReviewedFiles.HandedFile> handOver)
            throws IOException {
        List<String> manifest = new ArrayList<>();
        manifest.add("path,category,department,size,sha256");
        Set<String> taken = new HashSet<>();
        taken.add(MANIFEST);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (String kind : kinds) {
            Optional<DocumentService.Document> document = documents.latest(requestId, kind);
            if (document.isPresent()) {
                byte[] bytes = document.get().bytes();
                String path = unique(taken, "", safeName(document.get().fileName()));
                entry(zip, path, bytes);
                manifest.add(row(path, "", "", bytes.length, sha256(bytes)));
            }
        }
        List<ReviewedFiles.HandedFile> handed = files.toHandOver(requestId).stream().filter(handOver).toList();
        for (ReviewedFiles.HandedFile file : handed) {
            // content() checks the bytes against the SHA-256 taken at upload, so the manifest's value is theirs.
            byte[] bytes = files.content(requestId, file.id());
            String path = unique(taken, "files/" + safeName(file.category()) + "/", safeName(file.name()));
            entry(zip, path, bytes);
            manifest.add(row(path, file.category(), file.department(), bytes.length, file.sha256()));
        }
        entry(zip, MANIFEST, (String.join("\r\n", manifest) + "\r\n").getBytes(StandardCharsets.UTF_8));
        zip.finish();
        zip.flush();
        log.info("Package of request id {} written: {} files ({})", requestId, handed.size(),
                String.join(", ", handed.stream().map(ReviewedFiles.HandedFile::id).toList()));
    }

    private static void entry(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String row(String path, String category, String department, long size, String sha256) {
        return String.join(",", Csv.quoted(path), Csv.quoted(category), Csv.quoted(department), String.valueOf(size), sha256);
    }

    /**
     * A name safe as one path segment on every system, checked again here rather than trusted from the upload: the base
     * name only, without control or direction characters, path or reserved characters (replaced by _), trailing dots or
     * spaces, or a device name of Windows.
     */
    static String safeName(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                && c != '\u2028' && c != '\u2029').forEach(kept::appendCodePoint);
        name = UNSAFE.matcher(kept.toString()).replaceAll("_").strip().replaceAll("[. ]+$", "");
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return "file";
        }
        return DEVICE.matcher(name).matches() ? "_" + name : name;
    }

    /** The path in {@code folder}, with " (2)", " (3)" … before the extension when the name is taken (in any letter case). */
    static String unique(Set<String> taken, String folder, String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String path = folder + name;
        for (int n = 2; !taken.add(path.toLowerCase(Locale.ROOT)); n++) {
            path = folder + stem + " (" + n + ")" + extension;
        }
        return path;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
