package org.dsrflow.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Identity evidence on the reply page ({@code dsr.identity-evidence}): at most {@code max-files} files in one reply,
 * each at most {@code max-file-size}, all of them together at most {@code max-reply-size}. The servlet's multipart
 * limit ({@code dsr.files.max-file-size} and 64 KB of form) caps a body too: keep {@code max-reply-size} within it.
 */
@ConfigurationProperties(prefix = "dsr.identity-evidence")
record EvidenceSettings(Integer maxFiles, DataSize maxFileSize, DataSize maxReplySize) {

    EvidenceSettings {
        maxFiles = maxFiles == null ? 5 : maxFiles;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
        maxReplySize = maxReplySize == null ? DataSize.ofMegabytes(25) : maxReplySize;
    }

    /** "10 MB", for the page. */
    static String text(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
