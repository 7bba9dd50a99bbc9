package org.dsrflow.lifecycle;

import org.dsrflow.testsupport.SmtpIntegrationTest;

/** The lifecycle on the default database (H2). */
@SmtpIntegrationTest
class RequestLifecycleOnH2Test extends RequestLifecycleTestBase {
}
