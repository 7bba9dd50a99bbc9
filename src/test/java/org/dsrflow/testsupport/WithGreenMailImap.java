package org.dsrflow.testsupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GreenMail serving SMTP (port 3025, where the application sends) and IMAP (port 3143, where it reads the privacy
 * mailboxes of {@link SmtpIntegrationTest}): started empty before each test with the two mailboxes' accounts,
 * {@code requests@example.org} (purpose PRIVACY_REQUESTS) and {@code unsubscribe@example.org} (MARKETING_OPT_OUTS).
 */
public abstract class WithGreenMailImap {

    public static final String PRIVACY_MAILBOX = "requests@example.org";
    public static final String MARKETING_MAILBOX = "unsubscribe@example.org";

    @RegisterExtension
    protected static final GreenMailExtension greenMail = new GreenMailExtension(TestPorts.SMTP_IMAP);

    @BeforeEach
    void mailboxAccounts() {
        greenMail.setUser(PRIVACY_MAILBOX, "requests", "inbox-secret-1");
        greenMail.setUser(MARKETING_MAILBOX, "unsubscribe", "inbox-secret-2");
    }
}
