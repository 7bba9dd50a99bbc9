package org.dsrflow.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.testsupport.CrmDatabase;
import org.dsrflow.testsupport.RepairDeskApi;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** The second organisation's register (organisations/fietsen), bound as the application binds it, and its systems' environment. */
final class Fietsen {

    static final String REGISTER = "organisations/fietsen/processing-register.yaml";
    static final Identity JAN = new Identity("jan.devries@example.nl", "Jan de Vries");

    private Fietsen() {
    }

    static DsrProperties.Organisation register() {
        return registerWith(Map.of());
    }

    /** The register with some keys overridden (property names as in the YAML), as an adopter's file would say them. */
    static DsrProperties.Organisation registerWith(Map<String, Object> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("override", overrides));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("register", new ClassPathResource(REGISTER))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bind("dsr.organisation", DsrProperties.Organisation.class).get();
    }

    /** The environment values of the running fixtures (CrmDatabase, RepairDeskApi). */
    static MockEnvironment environment() {
        MockEnvironment environment = new MockEnvironment();
        CrmDatabase.ENVIRONMENT.forEach(environment::setProperty);
        RepairDeskApi.ENVIRONMENT.forEach(environment::setProperty);
        return environment;
    }

    /** The system with other caps (null: as registered). */
    static DataSystem withLimits(DataSystem system, Integer maxRows, org.springframework.util.unit.DataSize maxBytes) {
        DsrProperties.SystemEntry s = system.settings();
        return new DataSystem(system.id(), system.department(), new DsrProperties.SystemEntry(s.name(), s.sql(), s.http(), s.timeout(),
                maxRows == null ? s.maxRows() : maxRows, maxBytes == null ? s.maxBytes() : maxBytes, s.retries(), s.retryBackoff(),
                s.lockDuration(), s.worker(), s.categories()));
    }

    /** The system with another timeout per statement or call. */
    static DataSystem withTimeout(DataSystem system, java.time.Duration timeout) {
        DsrProperties.SystemEntry s = system.settings();
        return new DataSystem(system.id(), system.department(), new DsrProperties.SystemEntry(s.name(), s.sql(), s.http(), timeout,
                s.maxRows(), s.maxBytes(), s.retries(), s.retryBackoff(), s.lockDuration(), s.worker(), s.categories()));
    }

    /** The SQL system with another search for the category. */
    static DataSystem withSearch(DataSystem system, String category, String search) {
        DsrProperties.SystemCategory c = system.settings().categories().get(category);
        return withCategory(system, category, new DsrProperties.SystemCategory(DsrProperties.Step.of(search), c.erase(), c.rectify(), c.restrict()));
    }

    /** The SQL system with other erasure statements for the category. */
    static DataSystem withErase(DataSystem system, String category, java.util.List<String> erase) {
        DsrProperties.SystemCategory c = system.settings().categories().get(category);
        return withCategory(system, category, new DsrProperties.SystemCategory(c.search(),
                erase.stream().map(DsrProperties.Step::of).toList(), c.rectify(), c.restrict()));
    }

    static DataSystem withCategory(DataSystem system, String category, DsrProperties.SystemCategory steps) {
        DsrProperties.SystemEntry s = system.settings();
        Map<String, DsrProperties.SystemCategory> categories = new java.util.LinkedHashMap<>(s.categories());
        categories.put(category, steps);
        return new DataSystem(system.id(), system.department(), new DsrProperties.SystemEntry(s.name(), s.sql(), s.http(), s.timeout(),
                s.maxRows(), s.maxBytes(), s.retries(), s.retryBackoff(), s.lockDuration(), s.worker(), categories));
    }
}
