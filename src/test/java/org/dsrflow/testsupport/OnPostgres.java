package org.dsrflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * On a {@link SmtpIntegrationTest} class: the prod profile on a real PostgreSQL 17 (embedded, one
 * server for all such classes, see {@link EmbeddedPostgresConfig}). The profiles are not inherited,
 * so that "it" comes after "prod" whatever the class extends; the test's plain-http client keeps its
 * cookies (prod-over-local-http.properties). Put it on a subclass of a {@link SmtpIntegrationTest} class,
 * not next to that annotation: on one class, the first {@code @ActiveProfiles} found wins and "prod" is lost.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(Lanes.SECOND) // the second of the two JVMs (Lanes), although the class extends a SmtpIntegrationTest class
@ActiveProfiles(value = {"prod", "it"}, inheritProfiles = false)
@Import(EmbeddedPostgresConfig.class)
// The prod profile insists on a public address; SmtpIntegrationTest configures none (links to the port).
@TestPropertySource(locations = "classpath:prod-over-local-http.properties", properties = "dsr.public-base-url=http://localhost:8080")
public @interface OnPostgres {
}
