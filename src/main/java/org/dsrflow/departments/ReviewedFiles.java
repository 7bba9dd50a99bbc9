package org.dsrflow.departments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The privacy team's review of the departments' files, file by file, before anything leaves (Art. 15(3), 15(4)):
 * include it as it is, exclude it with a reason the requester is shown (Art. 12(4): why something was withheld), or
 * replace it with a redacted version the privacy team uploads (checked like any upload), with a note on what was
 * removed and why. What the answer hands over ({@link #toHandOver}) and what it reports as withheld or redacted come
 * only from these decisions; a file without one blocks the approval
 * ({@code ReviewDecisionCheck}). Decisions change only until the answer is sent. Callers check who may decide (the
 * privacy team); this class logs ids only.
 */
@Service
public class ReviewedFiles {

    private static final Logger log = LoggerFactory.getLogger(ReviewedFiles.class);
    /** Longest reason kept (the column's size). */
    public static final int MAX_REASON = 2000;

    public enum Decision {
        /** Handed over as the department attached it. */
        INCLUDE,
        /** Not handed over; the requester is told that it was withheld and why. */
        EXCLUDE,
        /** Handed over as the privacy team's redacted version; the requester is told what was removed and why. */
        REPLACE
    }

    /** A file as the answer hands it over (the original or, for a replaced one, its redacted version). */
    public record HandedFile(String id, String department, String category, String name, String type, long size, String sha256) {
    }

    /** A department's file with the review's decision on it ({@code decision} null: not decided yet). */
    public record ReviewedFile(String id, String taskId, String department, String category, String name, String type, long size,
                               String sha256, String uploadedBy, Instant uploadedAt, Decision decision, String reason,
                               String decidedBy, Instant decidedAt, HandedFile redacted) {

        public boolean decided() {
            return decision != null;
        }
    }

    private final DepartmentFileRepository files;
    private final FileInspection inspection;
    private final FileEncryption encryption;
    private final FileSettings settings;
    private final Clock clock;

    ReviewedFiles(DepartmentFileRepository files, FileInspection inspection, FileEncryption encryption, FileSettings settings,
                  Clock clock) {
        this.files = files;
        this.inspection = inspection;
        this.encryption = encryption;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every file the departments attached to the request, with its decision, in the order attached. */
    public List<ReviewedFile> of(long requestId) {
        return files.reviewRows(requestId).stream().map(row -> {
            DepartmentFileRepository.StoredFile file = row.file();
            HandedFile redacted = row.redaction() == null ? null : handed(row.redaction());
            return new ReviewedFile(file.id(), file.taskId(), file.department(), file.category(), file.name(), file.type(),
                    file.size(), file.sha256(), file.uploadedBy(), file.uploadedAt(),
                    row.decision() == null ? null : Decision.valueOf(row.decision()), row.reason(), row.decidedBy(),
                    row.decidedAt(), redacted);
        }).toList();
    }

    /** The files the answer hands over: the included ones as attached, the replaced ones as redacted. */
    public List<HandedFile> toHandOver(long requestId) {
        return toHandOver(of(requestId));
    }

    /** The files handed over, from the request's files as {@link #of} read them. */
    public static List<HandedFile> toHandOver(List<ReviewedFile> reviewed) {
        return reviewed.stream()
                .filter(file -> file.decision() == Decision.INCLUDE || file.decision() == Decision.REPLACE && file.redacted() != null)
                .map(file -> file.decision() == Decision.INCLUDE ? new HandedFile(file.id(), file.department(), file.category(),
                        file.name(), file.type(), file.size(), file.sha256()) : file.redacted())
                .toList();
    }

    /** The plaintext of one of the request's files (an original or a redacted version); checked against its SHA-256. */
    public byte[] content(long requestId, String fileId) {
        DepartmentFileRepository.StoredFile file = files.findInRequest(requestId, fileId).orElseThrow(() -> unknown(fileId));
        byte[] plain = encryption.decrypt(fileId, files.content(requestId, fileId).orElseThrow(() -> unknown(fileId)));
        if (!DepartmentFiles.sha256(plain).equals(file.sha256())) {
            throw new IllegalStateException("file " + fileId + " does not match its SHA-256");
        }
        return plain;
    }

    /** The file's name, type and size (an original or a redacted version of the request). */
    public HandedFile describe(long requestId, String fileId) {
        return files.findInRequest(requestId, fileId).map(ReviewedFiles::handed).orElseThrow(() -> unknown(fileId));
    }

    @Transactional
    public void include(long requestId, String fileId, String decidedBy) {
        open(requestId);
        decide(requestId, fileId, Decision.INCLUDE, null, decidedBy);
        files.deleteRedaction(fileId);
    }

    @Transactional
    public void exclude(long requestId, String fileId, String reason, String decidedBy) {
        open(requestId);
        decide(requestId, fileId, Decision.EXCLUDE, reason(reason, "why the file is withheld (Art. 15(4): the rights and "
                + "freedoms of others; the requester is shown this reason)"), decidedBy);
        files.deleteRedaction(fileId);
    }

    /** Replaces the file by a redacted version, checked like any upload; {@code note} says what was removed and why. */
    @Transactional
    public HandedFile replace(long requestId, String fileId, String note, String givenName, byte[] content, String decidedBy) {
        open(requestId);
        String reason = reason(note, "what was removed from the file and why (the requester is shown this note)");
        DepartmentFileRepository.StoredFile original = files.findInRequest(requestId, fileId).orElseThrow(() -> unknown(fileId));
        if (content == null || content.length == 0) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The redacted file is empty.");
        }
        if (content.length > settings.maxFileSize().toBytes()) {
            throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most " + FileSettings.text(settings.maxFileSize()) + ".");
        }
        String name = inspection.safeName(givenName == null || givenName.isBlank() ? original.name() : givenName);
        String type = inspection.allowedType(content, name);
        decide(requestId, fileId, Decision.REPLACE, reason, decidedBy);
        files.deleteRedaction(fileId);
        files.lockRequest(requestId);
        if (files.totalSize(requestId) + content.length > settings.maxRequestSize().toBytes()) {
            throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "The files of this request may hold at most "
                    + FileSettings.text(settings.maxRequestSize()) + " together; this file would exceed that.");
        }
        String id = UUID.randomUUID().toString();
        DepartmentFileRepository.StoredFile redacted = new DepartmentFileRepository.StoredFile(id, requestId, original.taskId(),
                original.department(), original.category(), name, type, content.length, DepartmentFiles.sha256(content), decidedBy,
                clock.instant());
        files.saveRedaction(redacted, encryption.encrypt(id, content), fileId);
        log.info("File {} of request id {} replaced by the redacted version {}", fileId, requestId, id);
        return handed(redacted);
    }

    private void decide(long requestId, String fileId, Decision decision, String reason, String decidedBy) {
        if (!files.decide(requestId, fileId, decision.name(), reason, Objects.requireNonNull(decidedBy), clock.instant())) {
            throw unknown(fileId);
        }
        log.info("File {} of request id {}: {}", fileId, requestId, decision);
    }

    /** Decisions change only until the answer is sent: after that the requester has what was decided. */
    private void open(long requestId) {
        if (files.answered(requestId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The answer to this request has been sent: the decisions on its "
                    + "files can no longer change.");
        }
    }

    private static String reason(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Say " + what + ".");
        }
        if (text.length() > MAX_REASON) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The reason may be at most " + MAX_REASON + " characters.");
        }
        return text.strip();
    }

    private static HandedFile handed(DepartmentFileRepository.StoredFile file) {
        return new HandedFile(file.id(), file.department(), file.category(), file.name(), file.type(), file.size(), file.sha256());
    }

    private static ResponseStatusException unknown(String fileId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "This request has no file " + fileId);
    }
}
