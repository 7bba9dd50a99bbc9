package org.dsrflow.config;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Loads the organisation from exactly one processing register, the first of: the file or resource
 * in {@code dsr.register-location}; {@code ./config/processing-register.yaml}; the shipped
 * reference register. One file, never merged with another: an adopter's register does not inherit
 * the reference organisation's categories, departments or sites (Spring would merge maps from two
 * files key by key).
 */
public class ProcessingRegisterSource implements EnvironmentPostProcessor, Ordered {

    public static final String LOCATION = "dsr.register-location";
    static final String BESIDE = "config/processing-register.yaml";
    static final String SHIPPED = "processing-register.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Resource register = locate(environment.getProperty(LOCATION));
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("processing register " + register.getDescription(), register);
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the processing register " + register.getDescription(), e);
        }
    }

    static Resource locate(String location) {
        return organisationFile(LOCATION, location, BESIDE, SHIPPED);
    }

    /**
     * One of the organisation's files: the one named by {@code property} (its {@code location}),
     * else {@code beside} the application (e.g. config/processing-register.yaml), else the
     * reference organisation's {@code shipped} resource.
     */
    public static Resource organisationFile(String property, String location, String beside, String shipped) {
        if (location != null && !location.isBlank()) {
            Resource resource = new DefaultResourceLoader().getResource(location);
            if (!resource.exists()) {
                throw new IllegalStateException(property + "=" + location + ": there is no such file");
            }
            return resource;
        }
        File file = new File(beside);
        return file.isFile() ? new FileSystemResource(file) : new ClassPathResource(shipped);
    }

    /** After application.yaml and the profiles are read, so that they may name the location. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
