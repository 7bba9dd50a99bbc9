package org.dsrflow.departments;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A stored file served to the privacy team for a look: images, PDFs and text in the browser (text always as
 * {@code text/plain}), under a sandboxing content security policy, {@code nosniff} and no caching; anything else
 * downloaded. The departments' files review and the requester's identity evidence serve their files this one way.
 */
public final class FilePreview {

    public static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    static final Set<String> TEXT = Set.of("text/plain", "text/csv", "application/json", "message/rfc822");

    private FilePreview() {
    }

    /** True for what the browser shows itself (images, PDFs, text). */
    public static boolean viewable(String type) {
        return IMAGES.contains(type) || "application/pdf".equals(type) || TEXT.contains(type);
    }

    public static ResponseEntity<byte[]> of(String name, String type, byte[] content) {
        boolean image = IMAGES.contains(type);
        boolean pdf = "application/pdf".equals(type);
        boolean text = TEXT.contains(type);
        MediaType media = image || pdf ? MediaType.parseMediaType(type)
                : text ? new MediaType("text", "plain", StandardCharsets.UTF_8) : MediaType.APPLICATION_OCTET_STREAM;
        ContentDisposition disposition = (image || pdf || text ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(name, StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(media)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                // A PDF needs the browser's viewer (a plugin frame), so no sandbox for it; nothing else runs script.
                .header("Content-Security-Policy", pdf ? "default-src 'none'; object-src 'self'; plugin-types application/pdf"
                        : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
                .body(content);
    }
}
