package org.dsrflow.departments;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A file that is not stored, with the status and a sentence saying why (400, 413, 415). Never names the person. */
class FileRefused extends ResponseStatusException {

    FileRefused(HttpStatus status, String reason) {
        super(status, reason);
    }
}
