package org.dsrflow.departments;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * One file from a multipart body (the part {@code file}) and the named fields beside it, read only when a caller asks,
 * after its access check: Tomcat parses the body then and stops at the size limits. The same refusals for the staff API,
 * the departments' files page and the privacy team's redacted versions.
 */
record Upload(String name, byte[] content, Map<String, String> fields) {

    /** Reads the body; {@code missing} is the 400's text when no file was chosen. */
    static Upload read(MultipartHttpServletRequest request, FileSettings settings, String missing, String... fieldNames) {
        MultipartFile file;
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            file = request.getFile("file");
            for (String field : fieldNames) {
                fields.put(field, request.getParameter(field));
            }
        } catch (MaxUploadSizeExceededException e) {
            throw new FileRefused(HttpStatus.PAYLOAD_TOO_LARGE, "A file may be at most " + FileSettings.text(settings.maxFileSize())
                    + " (one file per upload).");
        } catch (MultipartException e) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The body is not a readable multipart/form-data upload.");
        }
        // A browser sends an empty part without a name when no file was chosen.
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, missing);
        }
        try {
            return new Upload(file.getOriginalFilename(), file.getBytes(), fields);
        } catch (IOException e) {
            throw new FileRefused(HttpStatus.BAD_REQUEST, "The file could not be read.");
        }
    }

    String field(String name) {
        return fields.get(name);
    }
}
