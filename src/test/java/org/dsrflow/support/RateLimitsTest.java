package org.dsrflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dsrflow.config.DsrProperties;
import org.junit.jupiter.api.Test;

/** The public per-address limits: what counts as one source, and what an attacker with many sources can do to them. */
class RateLimitsTest {

    static final int LIMIT = 2;

    static final DsrProperties.RateLimits SETTINGS = new DsrProperties.RateLimits(LIMIT, LIMIT, LIMIT, LIMIT, LIMIT);

    private RateLimits limits = new RateLimits(SETTINGS, RateLimits.MAX_TRACKED);

    @Test
    void aFloodOfNewSourcesNeverResetsTheLimitOfASourceThatKeepsTrying() {
        String limited = "198.51.100.7";
        use(RateLimits.Action.SUBMIT, limited, LIMIT);
        refused(RateLimits.Action.SUBMIT, limited);
        // 120,000 other sources, one attempt each; the limited source keeps trying meanwhile.
        for (int source = 0; source < 120_000; source++) {
            limits.check(RateLimits.Action.SUBMIT, "10." + (source >> 16) + "." + ((source >> 8) & 255) + "." + (source & 255));
            if (source % 1000 == 0) {
                refused(RateLimits.Action.SUBMIT, limited);
            }
        }
        refused(RateLimits.Action.SUBMIT, limited);
        assertThat(limits.tracked()).isLessThanOrEqualTo(RateLimits.MAX_TRACKED);
    }

    @Test
    void aFullTableForgetsTheLeastRecentlyActiveSourceOnly() {
        limits = new RateLimits(SETTINGS, 3);
        use(RateLimits.Action.REPLY, "192.0.2.1", LIMIT);
        use(RateLimits.Action.REPLY, "192.0.2.2", LIMIT);
        use(RateLimits.Action.REPLY, "192.0.2.3", LIMIT);
        refused(RateLimits.Action.REPLY, "192.0.2.1");
        refused(RateLimits.Action.REPLY, "192.0.2.3");
        use(RateLimits.Action.REPLY, "192.0.2.4", 1);
        assertThat(limits.tracked()).isEqualTo(3);
        refused(RateLimits.Action.REPLY, "192.0.2.1");
        refused(RateLimits.Action.REPLY, "192.0.2.3");
        // 192.0.2.2 was the least recently active: it alone was forgotten.
        use(RateLimits.Action.REPLY, "192.0.2.2", LIMIT);
    }

    @Test
    void theAddressesOfOneIpv6Slash64AreOneSource() {
        use(RateLimits.Action.STATUS, "2001:db8:1:2::1", LIMIT);
        refused(RateLimits.Action.STATUS, "2001:db8:1:2:ffff:ffff:ffff:fffe");
        refused(RateLimits.Action.STATUS, "2001:0db8:0001:0002:0000:0000:0000:0009");
        assertThatCode(() -> limits.check(RateLimits.Action.STATUS, "2001:db8:1:3::1")).as("the next /64").doesNotThrowAnyException();
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        use(RateLimits.Action.DOWNLOAD, "::ffff:192.0.2.44", 1);
        use(RateLimits.Action.DOWNLOAD, "192.0.2.44", 1);
        refused(RateLimits.Action.DOWNLOAD, "0:0:0:0:0:ffff:c000:22c");
        assertThatCode(() -> limits.check(RateLimits.Action.DOWNLOAD, "192.0.2.45")).doesNotThrowAnyException();
    }

    private void use(RateLimits.Action action, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThatCode(() -> limits.check(action, address)).as(address + " attempt " + (i + 1)).doesNotThrowAnyException();
        }
    }

    private void refused(RateLimits.Action action, String address) {
        assertThatThrownBy(() -> limits.check(action, address)).as(address)
                .isInstanceOf(RateLimits.TooManyRequestsException.class);
    }
}
