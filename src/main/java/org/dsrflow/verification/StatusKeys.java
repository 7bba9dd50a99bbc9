package org.dsrflow.verification;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The requester's status key (the status page, and {@code GET /api/requests/{ref}} with
 * {@code X-Status-Key}): it works while the request is open and for
 * {@code dsr.status-key.valid-after-closure} (30 days) after it closed, long enough to see that it
 * was answered or closed and when; then it has expired. The retention erase deletes it with the
 * request's other secrets.
 */
@Service
public class StatusKeys {

    public enum Outcome { FOUND, EXPIRED, NOT_FOUND }

    /** A look-up: the request for FOUND and EXPIRED (the caller holds its reference and key). */
    public record Lookup(Outcome outcome, DsrRequest request) {

        public boolean found() {
            return outcome == Outcome.FOUND;
        }
    }

    private final TokenService tokens;
    private final RequestRepository requests;
    private final Clock clock;
    private final Duration validAfterClosure;

    StatusKeys(TokenService tokens, RequestRepository requests, Clock clock,
               @Value("${dsr.status-key.valid-after-closure:P30D}") Duration validAfterClosure) {
        this.tokens = tokens;
        this.requests = requests;
        this.clock = clock;
        this.validAfterClosure = validAfterClosure;
    }

    /** The request with this reference and key; a wrong key and an unknown reference look the same. */
    public Lookup find(String reference, String key) {
        if (reference == null || key == null) {
            return new Lookup(Outcome.NOT_FOUND, null);
        }
        Optional<TokenService.TokenState> state = tokens.find(key.strip(), TokenPurpose.STATUS);
        Optional<DsrRequest> request = state.flatMap(found -> requests.findById(found.requestId()))
                .filter(found -> found.reference() != null && found.reference().equalsIgnoreCase(reference.strip()));
        if (request.isEmpty()) {
            return new Lookup(Outcome.NOT_FOUND, null);
        }
        boolean expired = state.get().isExpired() || (request.get().closedAt() != null
                && !clock.instant().isBefore(request.get().closedAt().plus(validAfterClosure)));
        return new Lookup(expired ? Outcome.EXPIRED : Outcome.FOUND, request.get());
    }

    /** How long after closure a key keeps working, in days (for the page that says it has expired). */
    public long daysAfterClosure() {
        return validAfterClosure.toDays();
    }
}
