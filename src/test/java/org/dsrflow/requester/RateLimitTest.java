package org.dsrflow.requester;

import static org.assertj.core.api.Assertions.assertThat;

import org.dsrflow.request.RequestRepository;
import org.dsrflow.testsupport.Http;
import org.dsrflow.testsupport.SmtpIntegrationTest;
import org.dsrflow.testsupport.WithGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.support.RateLimits;
import org.dsrflow.testsupport.PublicLimits;

/**
 * Per-address limits: the attempt after the limit gets 429 with a clear message, and nothing happens.
 * Behind a reverse proxy (forwarded headers from this computer are trusted, as in production with
 * {@code SERVER_FORWARD_HEADERS_STRATEGY=native}), an IPv6 client is its /64.
 */
@SmtpIntegrationTest
class RateLimitTest extends WithGreenMail {

    static final String VALID = """
            {"type": "ACCESS", "name": "Ann Example", "email": "ann@example.com", "site": "SE", "language": "en"}""";

    @LocalServerPort
    int port;
    @Autowired
    RequestRepository requests;
    @Autowired
    RateLimits rateLimits;

    Http http;

    @BeforeEach
    void setUp() {
        // Two submissions, confirmations, status look-ups and downloads an hour per address, for this class.
        PublicLimits.use(rateLimits, new DsrProperties.RateLimits(2, 2, 2, 2, 1000));
        http = new Http(port);
    }

    @Test
    void thirdSubmissionWithinAnHourIsRefusedWith429AndNotStored() {
        assertThat(http.postJson("/api/requests", VALID).status()).isEqualTo(201);
        assertThat(http.postJson("/api/requests", VALID).status()).isEqualTo(201);
        long stored = requests.count();
        Http.Response third = http.postJson("/api/requests", VALID);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Content-Type")).startsWith("application/problem+json");
        assertThat(third.json().get("detail").asText()).contains("try again in an hour");
        assertThat(requests.count()).isEqualTo(stored);
    }

    @Test
    void twoAddressesOfOneIpv6Slash64ShareALimitAndTheNextSlash64HasItsOwn() {
        assertThat(http.postJson("/api/requests", VALID, "X-Forwarded-For", "2001:db8:5:6::1").status()).isEqualTo(201);
        assertThat(http.postJson("/api/requests", VALID, "X-Forwarded-For", "2001:db8:5:6:aaaa::2").status()).isEqualTo(201);
        long stored = requests.count();
        Http.Response third = http.postJson("/api/requests", VALID, "X-Forwarded-For", "2001:db8:5:6:ffff:ffff:ffff:ffff");
        assertThat(third.status()).isEqualTo(429);
        assertThat(requests.count()).isEqualTo(stored);
        assertThat(http.postJson("/api/requests", VALID, "X-Forwarded-For", "2001:db8:5:7::1").status()).isEqualTo(201);
    }

    @Test
    void confirmationStatusAndDownloadLookupsAreLimitedWithAPageInTheRequestersLanguage() {
        for (String path : new String[] {"/confirm?token=", "/status?ref=DSR-2026-000001&key=", "/download?token="}) {
            http.get(path + "a".repeat(43));
            http.get(path + "b".repeat(43));
            Http.Response limited = http.get(path + "c".repeat(43), "Accept-Language", "sv");
            assertThat(limited.status()).as(path).isEqualTo(429);
            assertThat(limited.body()).as(path).contains("id=\"rate-limited\"", "För många försök");
        }
    }
}
