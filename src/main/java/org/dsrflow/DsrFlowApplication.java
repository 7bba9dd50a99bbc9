package org.dsrflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DsrFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(DsrFlowApplication.class, args);
    }
}
