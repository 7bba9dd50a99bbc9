package org.dsrflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The second organisation (test resources organisations/fietsen: a Dutch bicycle shop with a Danish branch) with
 * its systems running: the shop's and the books' customer database ({@link CrmDatabase}) and the workshop's repair
 * desk API ({@link RepairDeskApi}), started with the context (once per JVM) and reached through the environment
 * values the register names. Every class with this annotation (on a {@link WithGreenMail} subclass) shares one
 * application context: one context group.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=localhost", "spring.mail.port=${dsr.test.smtp-port:3025}",
        "dsr.register-location=classpath:organisations/fietsen/processing-register.yaml",
        "dsr.routing-location=classpath:organisations/fietsen/department-routing.dmn",
        "FIETSEN_CRM_URL=" + CrmDatabase.URL, "FIETSEN_CRM_USER=" + CrmDatabase.USER, "FIETSEN_CRM_PASSWORD=" + CrmDatabase.PASSWORD,
        "FIETSEN_REPAIRS_URL=" + RepairDeskApi.URL, "FIETSEN_REPAIRS_AUTH=" + RepairDeskApi.AUTHORIZATION})
@ActiveProfiles("it")
@Import(FietsenOrganisationTest.Systems.class)
public @interface FietsenOrganisationTest {

    /** Starts the organisation's systems before the application may search them. */
    @TestConfiguration(proxyBeanMethods = false)
    class Systems {

        @Bean
        FietsenSystemsStarted fietsenSystemsStarted() {
            CrmDatabase.start();
            RepairDeskApi.start();
            return new FietsenSystemsStarted();
        }
    }

    /** A marker bean: the systems run. */
    final class FietsenSystemsStarted {
    }
}
