package org.dsrflow.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.support.RateLimits;
import org.dsrflow.verification.StatusKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Channel;

/** The public request API: anyone may submit; only the holder of the status key may read the status. */
@RestController
@RequestMapping(path = "/api/requests", produces = MediaType.APPLICATION_JSON_VALUE)
class RequestController {

    static final String STATUS_KEY_HEADER = "X-Status-Key";

    private final RequestIntakeService intake;
    private final StatusKeys statusKeys;
    private final DeadlineService deadlines;
    private final RateLimits rateLimits;

    RequestController(RequestIntakeService intake, StatusKeys statusKeys, DeadlineService deadlines, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.intake = intake;
        this.statusKeys = statusKeys;
        this.deadlines = deadlines;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RequestView> submit(@Valid @RequestBody NewRequest input, HttpServletRequest http) {
        rateLimits.check(RateLimits.Action.SUBMIT, http.getRemoteAddr());
        RequestIntakeService.Submitted submitted = intake.submitReceivedToday(input, Channel.WEB);
        DsrRequest request = submitted.request();
        return ResponseEntity.created(URI.create("/api/requests/" + request.reference()))
                .body(submitted.view());
    }

    @GetMapping("/{reference}")
    RequestView status(@PathVariable String reference,
                       @RequestHeader(name = STATUS_KEY_HEADER, required = false) String statusKey, HttpServletRequest http) {
        // Same answer for an unknown reference and a wrong key: nothing is revealed about other requests.
        // Only a failed look-up counts against the address's limit.
        StatusKeys.Lookup lookup = statusKeys.find(reference, statusKey);
        if (!lookup.found()) {
            rateLimits.check(RateLimits.Action.STATUS, http.getRemoteAddr());
        }
        if (lookup.outcome() == StatusKeys.Outcome.EXPIRED) {
            throw new ResponseStatusException(HttpStatus.GONE, "This status key has expired: it works until "
                    + statusKeys.daysAfterClosure() + " days after the request was closed");
        }
        if (lookup.outcome() == StatusKeys.Outcome.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request with this reference and status key");
        }
        DsrRequest request = lookup.request();
        return RequestView.of(request, deadlines.current(request.id()), null);
    }

}
