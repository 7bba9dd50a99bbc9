package org.dsrflow.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dsrflow.config.DsrProperties;
import org.springframework.stereotype.Component;

/**
 * Per-address limits on what the public can do (Bucket4j token buckets, kept in this node's memory;
 * behind a proxy set {@code server.forward-headers-strategy=native} so the client address is used).
 */
@Component
public class RateLimits {

    private static final int MAX_TRACKED = 100_000;

    private final DsrProperties.RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(DsrProperties properties) {
        this.limits = properties.rateLimits();
    }

    /** Takes one attempt of {@code action} for {@code address}; throws when the limit is reached. */
    public void check(Action action, String address) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(action + "|" + address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit(action)).refillGreedy(limit(action), Duration.ofHours(1)).build())
                .build());
        if (!bucket.tryConsume(1)) {
            throw new TooManyRequestsException(action);
        }
    }

    private int limit(Action action) {
        return switch (action) {
            case SUBMIT -> limits.submissionsPerHour();
            case CONFIRM -> limits.confirmationsPerHour();
            case STATUS -> limits.statusLookupsPerHour();
            case DOWNLOAD -> limits.downloadsPerHour();
            // An external party answers like a requester replies: the same limit, its own count.
            case REPLY, EXTERNAL_ANSWER -> limits.repliesPerHour();
        };
    }

    public enum Action { SUBMIT, CONFIRM, STATUS, DOWNLOAD, REPLY, EXTERNAL_ANSWER }

    /** Answered with 429 and a clear message. */
    public static class TooManyRequestsException extends RuntimeException {
        private final Action action;

        public TooManyRequestsException(Action action) {
            super("Too many attempts from this address (" + action.name().toLowerCase() + "); please try again in an hour.");
            this.action = action;
        }

        public Action action() {
            return action;
        }
    }
}
