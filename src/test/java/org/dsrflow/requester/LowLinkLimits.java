package org.dsrflow.requester;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * On a {@code @SmtpIntegrationTest} class about what opening a link may use up: low per-address limits
 * for confirmations, status look-ups and downloads (3 an hour) and a party may see the person's
 * details twice, so that a count would show. One configuration for these classes, so one context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {"dsr.rate-limits.confirmations-per-hour=3", "dsr.rate-limits.downloads-per-hour=3",
        "dsr.rate-limits.status-lookups-per-hour=3", "dsr.external-parties.identifier-views=2"})
@interface LowLinkLimits {
}
