package org.dsrflow.support;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.dsrflow.config.DsrProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per-source limits on what the public can do (Bucket4j token buckets, kept in this node's memory;
 * behind a proxy set {@code server.forward-headers-strategy=native} so the client address is used).
 * A source is an IPv4 address or an IPv6 /64 ({@link SourceAddress}). At most {@link #MAX_TRACKED}
 * sources are kept: a source idle for a whole period has a full bucket again and is forgotten; when
 * the table is full of active sources, the least recently active one goes. Never all at once: a flood
 * of new sources cannot give a source that keeps trying its attempts back.
 */
@Component
public class RateLimits {

    static final int MAX_TRACKED = 100_000;
    private static final Duration PERIOD = Duration.ofHours(1);

    private final DsrProperties.RateLimits limits;
    private final int capacity;
    /** Access order: the first entries are the longest idle. Guarded by itself. */
    private final LinkedHashMap<String, Tracked> buckets = new LinkedHashMap<>(1024, 0.75f, true);

    @Autowired
    RateLimits(DsrProperties properties) {
        this(properties.rateLimits(), MAX_TRACKED);
    }

    RateLimits(DsrProperties.RateLimits limits, int capacity) {
        this.limits = limits;
        this.capacity = capacity;
    }

    /** Takes one attempt of {@code action} for the source of {@code address}; throws when the limit is reached. */
    public void check(Action action, String address) {
        String key = action + "|" + SourceAddress.of(address);
        Bucket bucket;
        synchronized (buckets) {
            long now = System.nanoTime();
            forgetIdle(now);
            Tracked tracked = buckets.get(key);
            if (tracked == null) {
                if (buckets.size() >= capacity) {
                    Iterator<Tracked> eldest = buckets.values().iterator();
                    eldest.next();
                    eldest.remove();
                }
                tracked = new Tracked(Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(limit(action)).refillGreedy(limit(action), PERIOD).build())
                        .build());
                buckets.put(key, tracked);
            }
            tracked.lastUsed = now;
            bucket = tracked.bucket;
        }
        if (!bucket.tryConsume(1)) {
            throw new TooManyRequestsException(action);
        }
    }

    /** How many sources are tracked now (for tests). */
    int tracked() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Idle for a whole period, a bucket has refilled: forgetting it changes nothing. The idlest come first. */
    private void forgetIdle(long now) {
        Iterator<Tracked> idlest = buckets.values().iterator();
        while (idlest.hasNext()) {
            if (now - idlest.next().lastUsed < PERIOD.toNanos()) {
                return;
            }
            idlest.remove();
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

    private static final class Tracked {
        private final Bucket bucket;
        private long lastUsed;

        private Tracked(Bucket bucket) {
            this.bucket = bucket;
        }
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
