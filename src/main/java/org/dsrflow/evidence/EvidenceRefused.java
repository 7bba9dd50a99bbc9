package org.dsrflow.evidence;

import org.springframework.http.HttpStatus;

/**
 * A reply's files that are not stored, with the status (400, 413, 415), what is wrong and the file it is about (its
 * name as sent, for the page to show escaped; never logged). Nothing of the reply is stored.
 */
public final class EvidenceRefused extends RuntimeException {

    /** What is wrong, each with its status; the reply page says it in the requester's language. */
    public enum Problem {
        TOO_MANY_FILES(HttpStatus.BAD_REQUEST),
        EMPTY_FILE(HttpStatus.BAD_REQUEST),
        UNREADABLE(HttpStatus.BAD_REQUEST),
        FILE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
        REPLY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
        TYPE_NOT_ACCEPTED(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

        private final HttpStatus status;

        Problem(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    private final Problem problem;
    private final String file;

    EvidenceRefused(Problem problem, String file) {
        super(problem.name(), null, false, false);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    /** The file's name as the requester sent it, or null when the problem is the reply as a whole. */
    public String file() {
        return file;
    }
}
