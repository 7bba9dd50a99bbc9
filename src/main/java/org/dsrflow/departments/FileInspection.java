package org.dsrflow.departments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a department's file is, decided from its content (Apache Tika's magic bytes; the name only refines a text
 * type into CSV or JSON), checked against the allow-list; archives read entry by entry in memory, never extracted,
 * with their entry count, the bytes they actually expand to, their paths and their entries' types checked.
 */
@Component
public class FileInspection {

    static final String ZIP = "application/zip";
    static final String OOXML = "application/x-tika-ooxml";
    static final String OLE2 = "application/x-tika-msoffice";
    private static final Map<String, String> OOXML_PARTS = Map.of(
            "word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    /** Documents that are zip containers inside: checked like an archive, stored as the document they are. */
    private static final Set<String> ZIP_DOCUMENTS = Set.of(OOXML,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet");
    /**
     * The allow-list. OLE2 (old Word and Excel, Outlook's .msg) cannot be told apart by tika-core alone: accepted as
     * {@code application/x-tika-msoffice}, or by its own type where Tika names it.
     */
    static final Set<String> ALLOWED = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
            "text/plain", "text/csv", "application/json", "message/rfc822", "application/vnd.ms-outlook",
            "application/msword", "application/vnd.ms-excel", OLE2,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet", ZIP);

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final FileSettings settings;

    FileInspection(FileSettings settings) {
        this.settings = settings;
    }

    /** The name to keep: the base name only (no path, either slash), no control or format characters, capped. */
    public String safeName(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && c != '\u2028' && c != '\u2029')
                .forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "file";
        }
        int max = settings.maxNameLength();
        if (name.codePointCount(0, name.length()) > max) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            String stem = name.substring(0, name.length() - extension.length());
            stem = stem.substring(0, stem.offsetByCodePoints(0, max - extension.length()));
            name = stem + extension;
        }
        return name;
    }

    /** The detected type of an allowed file; 415 naming the type otherwise, 400/415 for a bad archive. */
    String allowedType(byte[] content, String name) {
        String type = detect(content, name);
        if (!ALLOWED.contains(type) && !type.equals(OOXML)) {
            throw new FileRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Files of type " + type + " are not accepted. Accepted: PDF, "
                    + "PNG, JPEG, GIF, WebP, plain text, CSV, JSON, emails (EML, MSG), office documents and zip archives of these.");
        }
        if (type.equals(ZIP) || ZIP_DOCUMENTS.contains(type)) {
            return archive(content, type, 0, new Expansion());
        }
        return type;
    }

    /** Reads every entry (nothing extracted to disk); returns the document's own type for an OOXML container. */
    private String archive(byte[] content, String type, int depth, Expansion expansion) {
        boolean plainArchive = type.equals(ZIP);
        String refined = type;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > settings.maxArchiveEntries()) {
                    throw new FileRefused(HttpStatus.BAD_REQUEST, "The archive has more than " + settings.maxArchiveEntries()
                            + " entries.");
                }
                String path = entry.getName();
                if (unsafePath(path)) {
                    throw new FileRefused(HttpStatus.BAD_REQUEST, "The archive has an entry with an absolute path or '..' ("
                            + safeName(path) + "); entries must stay inside the archive.");
                }
                byte[] bytes = read(zip, expansion);
                if (refined.equals(OOXML)) {
                    refined = OOXML_PARTS.entrySet().stream().filter(part -> path.startsWith(part.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(OOXML);
                }
                if (plainArchive && !entry.isDirectory()) {
                    String entryType = detect(bytes, path);
                    if (entryType.equals(ZIP)) {
                        throw new FileRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The archive contains another archive ("
                                + safeName(path) + "); archives inside archives are not accepted.");
                    }
                    if (!ALLOWED.contains(entryType) && !entryType.equals(OOXML)) {
                        throw new FileRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The archive contains a file of type " + entryType
                                + " (" + safeName(path) + "), which is not accepted.");
                    }
                    if (ZIP_DOCUMENTS.contains(entryType) && depth == 0) {
                        archive(bytes, entryType, depth + 1, expansion);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The archive cannot be read: it is damaged or not a zip archive.");
        }
        if (entries == 0 && plainArchive) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The archive is empty.");
        }
        return refined.equals(OOXML) ? OOXML : refined;
    }

    /** An entry's bytes, counting what is actually read (never the header's claimed size) against the limits. */
    private byte[] read(InputStream entry, Expansion expansion) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = entry.read(buffer)) > 0) {
            expansion.bytes += n;
            if (expansion.bytes > settings.maxExpandedBytes()) {
                throw new FileRefused(HttpStatus.BAD_REQUEST, "The archive expands to more than "
                        + FileSettings.text(org.springframework.util.unit.DataSize.ofBytes(settings.maxExpandedBytes()))
                        + " (a possible zip bomb).");
            }
            if (out.size() + n > settings.maxFileSize().toBytes()) {
                throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "A file in the archive is larger than "
                        + FileSettings.text(settings.maxFileSize()) + ".");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean unsafePath(String path) {
        String normal = path.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : normal.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The type Tika reads from the content's magic bytes (the name refines only a text type), lower case, without parameters. */
    public String detect(byte[] content, String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (InputStream in = new ByteArrayInputStream(content)) {
            MediaType type = types.detect(in, metadata);
            return type.getBaseType().toString().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return MediaType.OCTET_STREAM.toString();
        }
    }

    private static final class Expansion {
        long bytes;
    }
}
