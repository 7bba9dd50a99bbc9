package org.dsrflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DsrFlowApplication {

    /** Jakarta Mail's stream provider, named: see {@link #main}. */
    static final String MAIL_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    public static void main(String[] args) {
        // Jakarta Mail looks its stream provider up for every message part it creates or writes; without this
        // property that is a ServiceLoader scan of the jar's nested libraries each time (4 % of the application's
        // CPU over a whole lifecycle in the benchmark, most of an email's cost). Named, it is one class lookup.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", MAIL_STREAM_PROVIDER);
        }
        SpringApplication.run(DsrFlowApplication.class, args);
    }
}
