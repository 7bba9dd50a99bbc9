package org.dsrflow.requester;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.RateLimits;
import org.dsrflow.testsupport.PublicLimits;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * On a {@code @SmtpIntegrationTest} class about what opening a link may use up: low per-address limits
 * for confirmations, status look-ups and downloads (3 an hour), so that a count would show. Set at run
 * time in the context the class shares with the others of its configuration ({@link PublicLimits}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LowLinkLimits.Lower.class)
@interface LowLinkLimits {

    /** Before each test of the class; the buckets already used keep their counts. */
    class Lower implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            PublicLimits.use(SpringExtension.getApplicationContext(context).getBean(RateLimits.class),
                    new DsrProperties.RateLimits(1000, 3, 3, 3, 1000));
        }
    }
}
