package org.dsrflow.inbox;

import javax.sql.DataSource;
import org.dsrflow.config.StartupCheckException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * The inbox's settings, checked at start-up, and its lock: Spring Integration JDBC's lock registry on the shared
 * database (table {@code dsr_inbox_lock}, V35), so that one node reads a mailbox at a time. A lock is held for at
 * most two minutes unless the reader renews it (after each message): a node that died mid-read frees its mailbox then.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfig {

    static final int LOCK_SECONDS = 120;

    InboxConfig(InboxSettings settings) {
        java.util.List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new StartupCheckException("The mailbox settings are not usable: " + String.join("; ", problems) + ".",
                    "Correct dsr.inbox in application.yaml or the environment (README \"Requests by email\").");
        }
    }

    @Bean
    DefaultLockRepository inboxLockRepository(DataSource dataSource) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setPrefix("DSR_INBOX_");
        repository.setRegion("dsr-inbox");
        repository.setTimeToLive(LOCK_SECONDS * 1000);
        return repository;
    }

    @Bean
    JdbcLockRegistry inboxLocks(DefaultLockRepository inboxLockRepository) {
        return new JdbcLockRegistry(inboxLockRepository);
    }
}
