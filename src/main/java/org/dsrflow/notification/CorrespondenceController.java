package org.dsrflow.notification;

import java.util.List;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.StaffGroups;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The correspondence log of a request, for the privacy team: every email, when, status, attempts. */
@RestController
class CorrespondenceController {

    private final RequestRepository requests;
    private final CorrespondenceRepository correspondence;
    private final StaffAccess access;

    CorrespondenceController(RequestRepository requests, CorrespondenceRepository correspondence, StaffAccess access) {
        this.requests = requests;
        this.correspondence = correspondence;
        this.access = access;
    }

    @GetMapping(path = "/api/staff/requests/{reference}/correspondence", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CorrespondenceRepository.Entry> log(@PathVariable String reference) {
        access.requireAnyGroup(StaffGroups.PRIVACY);
        DsrRequest request = requests.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference));
        return correspondence.findByRequest(request.id());
    }
}
