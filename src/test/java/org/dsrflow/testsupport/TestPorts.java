package org.dsrflow.testsupport;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail's ports in this test JVM. The suite runs in two JVMs at once ({@link FirstLane}, {@link SecondLane});
 * each gets its own SMTP and IMAP ports from the build ({@code dsr.test.smtp-port}, {@code dsr.test.imap-port},
 * set per surefire fork in the pom), so that the two never bind the same port. Without them (one class from an
 * IDE) GreenMail's usual test ports 3025 and 3143. The application's configurations name the same properties
 * ({@code spring.mail.port=${dsr.test.smtp-port:3025}}).
 */
public final class TestPorts {

    public static final int SMTP_PORT = Integer.getInteger("dsr.test.smtp-port", 3025);
    public static final int IMAP_PORT = Integer.getInteger("dsr.test.imap-port", 3143);

    /** GreenMail's SMTP on this JVM's port. */
    public static final ServerSetup SMTP = new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP);
    /** GreenMail's SMTP and IMAP on this JVM's ports. */
    public static final ServerSetup[] SMTP_IMAP = {SMTP, new ServerSetup(IMAP_PORT, null, ServerSetup.PROTOCOL_IMAP)};

    private TestPorts() {
    }
}
