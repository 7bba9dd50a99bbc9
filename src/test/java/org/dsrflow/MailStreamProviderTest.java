package org.dsrflow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The stream provider the application names at start-up is the one Jakarta Mail would find by itself. */
class MailStreamProviderTest {

    @Test
    void theNamedStreamProviderIsTheOneOnTheClassPath() throws Exception {
        StreamProvider found = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow();
        assertThat(found.getClass().getName()).isEqualTo(DsrFlowApplication.MAIL_STREAM_PROVIDER);
        assertThat(StreamProvider.class.isAssignableFrom(Class.forName(DsrFlowApplication.MAIL_STREAM_PROVIDER))).isTrue();
    }
}
