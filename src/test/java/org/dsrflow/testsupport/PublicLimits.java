package org.dsrflow.testsupport;

import java.lang.reflect.Field;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.RateLimits;

/**
 * Lower per-address limits on the public pages for the test class that is about them, in the context it
 * shares with every other class of its configuration (the "it" profile allows 1,000 an hour so that the
 * other classes never meet a limit). Set before the class's first call; {@link FreshState} puts the
 * configured limits back before the next class. The application reads its limits once at start-up and
 * offers no way to change them: they are replaced by reflection, and a renamed field fails here loudly.
 */
public final class PublicLimits {

    private PublicLimits() {
    }

    /** From now on, until this class ends: {@code limits} for every source that has not called yet. */
    public static void use(RateLimits rateLimits, DsrProperties.RateLimits limits) {
        try {
            Field field = RateLimits.class.getDeclaredField("limits");
            field.setAccessible(true);
            field.set(rateLimits, limits);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("RateLimits keeps its limits elsewhere now: update PublicLimits", e);
        }
    }
}
