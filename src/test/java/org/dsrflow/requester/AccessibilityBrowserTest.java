package org.dsrflow.requester;

import org.dsrflow.testsupport.OnPostgres;

/**
 * Every public page state and every requester email, in every language, without axe-core violations, and the
 * form's focus, sizes and labels ({@link AccessibilityChecks}), served by the prod profile on PostgreSQL.
 */
@OnPostgres
class AccessibilityBrowserTest extends AccessibilityChecks {
}
