package org.dsrflow.config;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the Camunda engine wait for the database migrations (Flyway), whatever the order in which
 * beans happen to be created: Flyway refuses to start on a schema the engine has already filled.
 */
class EngineAfterMigrationsDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineConfiguration.class, ProcessEngine.class);
    }
}
