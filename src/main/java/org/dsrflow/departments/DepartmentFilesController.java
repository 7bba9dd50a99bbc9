package org.dsrflow.departments;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The staff API for a department's files ({@code /api/staff/tasks/{taskId}/files}, HTTP basic or a bearer token like
 * the rest of {@code /api/staff}): attach (multipart {@code file}, {@code category}), list, remove while the task is open.
 * Who may is decided before the body is parsed; the body is parsed only here ({@link FileUploadConfig}).
 */
@RestController
@RequestMapping(path = "/api/staff/tasks/{taskId}/files", produces = MediaType.APPLICATION_JSON_VALUE)
class DepartmentFilesController {

    /** A file as the API shows it: never its content. */
    record FileView(String id, String name, long size, String sha256, String type, String category, String department,
                    String uploadedBy, Instant uploadedAt) {

        static FileView of(DepartmentFileRepository.StoredFile file) {
            return new FileView(file.id(), file.name(), file.size(), file.sha256(), file.type(), file.category(),
                    file.department(), file.uploadedBy(), file.uploadedAt());
        }
    }

    private final DepartmentFiles files;
    private final FileSettings settings;

    DepartmentFilesController(DepartmentFiles files, FileSettings settings) {
        this.files = files;
        this.settings = settings;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileView> attach(@PathVariable String taskId, MultipartHttpServletRequest request) {
        DepartmentFiles.Workable task = files.workable(taskId);
        Upload upload = Upload.read(request, settings, "file is required (a multipart part named file).", "category");
        DepartmentFileRepository.StoredFile stored = files.attach(task, upload.name(), upload.field("category"), upload.content());
        return ResponseEntity.created(URI.create("/api/staff/tasks/" + taskId + "/files/" + stored.id())).body(FileView.of(stored));
    }

    @GetMapping
    List<FileView> list(@PathVariable String taskId) {
        return files.list(taskId).stream().map(FileView::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String taskId, @PathVariable String id) {
        files.delete(files.workable(taskId), id);
        return ResponseEntity.noContent().build();
    }
}
