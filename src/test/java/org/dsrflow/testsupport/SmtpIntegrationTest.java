package org.dsrflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, H2 in memory, email through SMTP to GreenMail on
 * port 3025. Each test class gets its own context ({@link DirtiesContext}): Camunda keeps engines in
 * a JVM-wide registry by name, so two live contexts with the engine "default" would share one entry.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mail.host=localhost", "spring.mail.port=3025"})
@ActiveProfiles("it")
@DirtiesContext
public @interface SmtpIntegrationTest {
}
