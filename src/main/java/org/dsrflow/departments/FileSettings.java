package org.dsrflow.departments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The departments' files ({@code dsr.files}): the largest file, the most all files of one data-subject request may
 * hold together, how far an archive may expand and how many entries it may have, and the key that encrypts the
 * content at rest (base64 of 32 bytes; the prod profile refuses to start without one of its own).
 */
@ConfigurationProperties(prefix = "dsr.files")
record FileSettings(DataSize maxFileSize, DataSize maxRequestSize, Integer maxArchiveEntries, Integer archiveExpansion,
                    Integer maxNameLength, String encryptionKey) {

    FileSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(25) : maxFileSize;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(250) : maxRequestSize;
        maxArchiveEntries = maxArchiveEntries == null ? 1000 : maxArchiveEntries;
        archiveExpansion = archiveExpansion == null ? 10 : archiveExpansion;
        maxNameLength = maxNameLength == null ? 200 : maxNameLength;
    }

    /** What the entries of one archive may expand to together, counted as read: {@code archiveExpansion} times a file. */
    long maxExpandedBytes() {
        return maxFileSize.toBytes() * archiveExpansion;
    }

    /** "25 MB", for messages. */
    static String text(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
