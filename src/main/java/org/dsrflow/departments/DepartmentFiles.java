package org.dsrflow.departments;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.dsrflow.process.RequestHistory;
import org.dsrflow.process.RequestTasks;
import org.dsrflow.security.StaffGroups;
import org.dsrflow.security.web.StaffAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files a department attaches to its answer, from the task it works. Who may: a member of the task's candidate group
 * or its assignee, as the engine's own task query answers under the caller's authentication; the request, department
 * and categories come from the copy taken when the task was created, never from what the caller sends. Another
 * department's task answers as an unknown one (404): its id says nothing to them. Logs ids only, never names or content.
 */
@Service
class DepartmentFiles {

    private static final Logger log = LoggerFactory.getLogger(DepartmentFiles.class);

    /** The task a caller may work, and who they are. */
    record Workable(String taskId, String userId, DepartmentTasks.Assignment assignment) {
    }

    /**
     * A department task of a request as the files page shows it: open (files may be attached, with the categories it
     * works on) or done (its files read-only; categories no longer known, empty).
     */
    record TaskFiles(String taskId, String department, List<String> categories, boolean open,
                     List<DepartmentFileRepository.StoredFile> files) {
    }

    private final RequestTasks tasks;
    private final RequestHistory history;
    private final DepartmentTasks copies;
    private final DepartmentFileRepository files;
    private final FileInspection inspection;
    private final FileEncryption encryption;
    private final FileSettings settings;
    private final StaffAccess access;
    private final Clock clock;

    DepartmentFiles(RequestTasks tasks, RequestHistory history, DepartmentTasks copies, DepartmentFileRepository files,
                    FileInspection inspection, FileEncryption encryption, FileSettings settings, StaffAccess access, Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.copies = copies;
        this.files = files;
        this.inspection = inspection;
        this.encryption = encryption;
        this.settings = settings;
        this.access = access;
        this.clock = clock;
    }

    /** The open task the caller may work; 409 for one of theirs that is done, 404 for any other. */
    Workable workable(String taskId) {
        StaffAccess.Staff staff = access.signedIn();
        if (tasks.workableDepartmentTask(taskId, staff.userId(), staff.groups()).isPresent()) {
            DepartmentTasks.Assignment assignment = copies.find(taskId).orElseThrow(() -> unknown(taskId));
            return new Workable(taskId, staff.userId(), assignment);
        }
        if (history.finishedDepartmentTaskOf(taskId, staff.userId(), staff.groups())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Task " + taskId + " is completed: files can be attached "
                    + "or removed only while the task is open.");
        }
        throw unknown(taskId);
    }

    /**
     * The task's files: for the department working it (open or, read-only, done), and for the privacy team, which reads
     * every department's answer and will decide on each file in its review; nobody else (404).
     */
    List<DepartmentFileRepository.StoredFile> list(String taskId) {
        StaffAccess.Staff staff = access.signedIn();
        boolean department = tasks.workableDepartmentTask(taskId, staff.userId(), staff.groups()).isPresent()
                || history.finishedDepartmentTaskOf(taskId, staff.userId(), staff.groups());
        boolean privacy = staff.groups().contains(StaffGroups.PRIVACY) && history.isDepartmentTask(taskId);
        if (!department && !privacy) {
            throw unknown(taskId);
        }
        return files.findByTask(taskId);
    }

    /**
     * The department tasks of the request the caller may work (open) or worked (done), open ones first, each with its
     * files; empty for anyone else, so the page says nothing about the request to them.
     */
    List<TaskFiles> ofRequest(String reference, long requestId) {
        StaffAccess.Staff staff = access.signedIn();
        List<TaskFiles> all = new java.util.ArrayList<>();
        for (org.camunda.bpm.engine.task.Task task : tasks.workableDepartmentTasks(reference, staff.userId(), staff.groups())) {
            copies.find(task.getId()).filter(assignment -> assignment.requestId() == requestId).ifPresent(assignment ->
                    all.add(new TaskFiles(task.getId(), assignment.department(), assignment.categories(), true, files.findByTask(task.getId()))));
        }
        for (RequestHistory.FinishedTask done : history.finishedDepartmentTasksOf(reference, staff.userId(), staff.groups())) {
            all.add(new TaskFiles(done.taskId(), done.department(), List.of(), false, files.findByTask(done.taskId())));
        }
        return all;
    }

    /** Checks everything, then stores the file in one transaction: a refused file leaves nothing behind. */
    @Transactional
    DepartmentFileRepository.StoredFile attach(Workable task, String givenName, String category, byte[] content) {
        if (!task.assignment().type().handsOverData()) {
            throw new FileRefused(HttpStatus.CONFLICT, "Files are handed over with the answer to an access or portability "
                    + "request only; this is a " + task.assignment().type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " request: report what you did in the task's form.");
        }
        if (category == null || category.isBlank()) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "category is required: one of " + task.assignment().categories()
                    + ", the categories this department works on in this request.");
        }
        if (!task.assignment().categories().contains(category)) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "category " + category + " is not one this department works on in "
                    + "this request (" + String.join(", ", task.assignment().categories()) + ").");
        }
        if (content.length == 0) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The file is empty.");
        }
        if (content.length > settings.maxFileSize().toBytes()) {
            throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most " + FileSettings.text(settings.maxFileSize()) + ".");
        }
        String name = inspection.safeName(givenName);
        String type = inspection.allowedType(content, name);
        long requestId = task.assignment().requestId();
        files.lockRequest(requestId);
        if (files.totalSize(requestId) + content.length > settings.maxRequestSize().toBytes()) {
            throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "The files of this request may hold at most "
                    + FileSettings.text(settings.maxRequestSize()) + " together; this file would exceed that.");
        }
        String id = UUID.randomUUID().toString();
        DepartmentFileRepository.StoredFile file = new DepartmentFileRepository.StoredFile(id, requestId, task.taskId(),
                task.assignment().department(), category, name, type, content.length, sha256(content), task.userId(), clock.instant());
        files.save(file, encryption.encrypt(id, content));
        log.info("File {} attached to department task {} of request id {}", id, task.taskId(), requestId);
        return file;
    }

    @Transactional
    void delete(Workable task, String id) {
        if (!files.delete(task.taskId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Task " + task.taskId() + " has no file " + id);
        }
        log.info("File {} removed from department task {}", id, task.taskId());
    }

    private static ResponseStatusException unknown(String taskId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No open department task " + taskId + " of yours");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
