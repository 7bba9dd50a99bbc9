package org.dsrflow.testsupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP server the application sends to in tests (port 3025, or this JVM's {@link TestPorts}, see {@link SmtpIntegrationTest}):
 * GreenMail, started empty before each test and stopped after it. A test reads what arrived through
 * {@code greenMail} (see {@link Mails}).
 */
public abstract class WithGreenMail {

    @RegisterExtension
    protected static final GreenMailExtension greenMail = new GreenMailExtension(TestPorts.SMTP);
}
