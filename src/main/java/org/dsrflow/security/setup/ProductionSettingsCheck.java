package org.dsrflow.security.setup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.dsrflow.config.DsrProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Profile;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start production with a missing or guessable administrator password, without
 * PostgreSQL or an SMTP server, with single sign-on or the public address over plain HTTP, cookies
 * that may travel without TLS, or no decision on forwarded headers: a clear message at start-up
 * beats a half-working system.
 * It is a (no-op) process-engine plugin so that the engine, which collects its plugins before it
 * is built, never starts, creates tables or accounts before these checks have passed.
 */
@Component
@Profile("prod")
class ProductionSettingsCheck extends AbstractProcessEnginePlugin implements InitializingBean {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final Set<String> KNOWN_DEFAULTS = Set.of("admin", "demo", "password", "changeme", "change-me", "camunda",
            "secret", "letmein", "123456789012", "administrator", "password123", "dsr-flow", "dsrflow");

    private final DsrProperties properties;
    private final Environment environment;
    private final DataSource dataSource;

    ProductionSettingsCheck(DsrProperties properties, Environment environment, DataSource dataSource) {
        this.properties = properties;
        this.environment = environment;
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        String password = properties.admin().password();
        if (password == null || password.isBlank()) {
            throw new InsecureSettingsException("DSR_ADMIN_PASSWORD is not set. The prod profile needs an "
                    + "administrator password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (KNOWN_DEFAULTS.contains(password.toLowerCase(Locale.ROOT))
                || password.equalsIgnoreCase(properties.admin().user())) {
            throw new InsecureSettingsException("DSR_ADMIN_PASSWORD is a known default password. Choose another.");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InsecureSettingsException("DSR_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH
                    + " characters. Choose a longer one.");
        }
        if (environment.getProperty("spring.mail.host", "").isBlank()) {
            throw new InsecureSettingsException("SPRING_MAIL_HOST is not set. The prod profile sends email "
                    + "through SMTP (SPRING_MAIL_HOST, SPRING_MAIL_PORT, SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD).");
        }
        singleSignOnOverHttps();
        publicAddressAndCookies();
        if (environment.getProperty("server.forward-headers-strategy", "").isBlank()) {
            throw new InsecureSettingsException("SERVER_FORWARD_HEADERS_STRATEGY is not set. Say how clients reach "
                    + "dsr-flow: native behind a reverse proxy that sets X-Forwarded-For (and "
                    + "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES to the proxy's address only), none when clients connect "
                    + "directly. Rate limits and the log-in throttle count the address this decides.");
        }
        filesEncryptionKey();
        mailboxesOverTls();
        if (!"PostgreSQL".equals(databaseProduct())) {
            throw new InsecureSettingsException("The prod profile runs on PostgreSQL: set SPRING_DATASOURCE_URL "
                    + "(jdbc:postgresql://host:5432/database), SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.");
        }
    }

    /**
     * Tokens, codes and the provider's keys travel over these addresses: each must be https (the
     * provider's discovery document is fetched from the issuer, and the keys that sign tokens from it).
     */
    private void singleSignOnOverHttps() {
        ResolvableType settings = ResolvableType.forClassWithGenerics(Map.class, String.class, String.class);
        Map<String, Map<String, String>> providers = Binder.get(environment).bind("spring.security.oauth2.client.provider",
                Bindable.<Map<String, Map<String, String>>>of(ResolvableType.forClassWithGenerics(Map.class,
                        ResolvableType.forClass(String.class), settings))).orElse(Map.of());
        providers.forEach((provider, values) -> values.forEach((name, value) -> {
            if (name.endsWith("uri") && value != null && !value.isBlank() && !value.trim().toLowerCase(Locale.ROOT).startsWith("https://")) {
                throw new InsecureSettingsException("spring.security.oauth2.client.provider." + provider + "." + name
                        + " is not an https address. Single sign-on in the prod profile talks to the provider over https only.");
            }
        }));
    }

    /**
     * Links in emails lead requesters to their data: the public address is https, and so session and CSRF
     * cookies are sent over https only. An http address is accepted for this computer alone (loopback: a trial,
     * the reliability tests), where no cookie crosses a network.
     */
    private void publicAddressAndCookies() {
        java.net.URI address = properties.publicBaseUrl();
        if (address == null || address.toString().isBlank()) {
            throw new InsecureSettingsException("DSR_PUBLIC_BASE_URL is not set. Emails link requesters to their requests "
                    + "and answers at this address: set the https address dsr-flow is reached at, e.g. https://privacy.example.org.");
        }
        boolean https = "https".equalsIgnoreCase(address.getScheme());
        boolean loopback = "http".equalsIgnoreCase(address.getScheme()) && address.getHost() != null
                && Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(address.getHost().toLowerCase(Locale.ROOT));
        if (!https && !loopback) {
            throw new InsecureSettingsException("DSR_PUBLIC_BASE_URL (" + address + ") is not an https address. Links to "
                    + "requests and answers travel over https only.");
        }
        if (https) {
            for (String cookie : List.of("server.servlet.session.cookie.secure",
                    "camunda.bpm.webapp.session-cookie.enable-secure-cookie", "camunda.bpm.webapp.csrf.enable-secure-cookie")) {
                if (!environment.getProperty(cookie, Boolean.class, false)) {
                    throw new InsecureSettingsException(cookie + " is not true. Over https, session and CSRF cookies are "
                            + "marked Secure, so a browser never sends them over plain http.");
                }
            }
        }
    }

    /**
     * The privacy mailboxes' passwords and every email people write to the organisation travel to the IMAP server:
     * over TLS (imaps) only, except to a server on this computer. (Each mailbox's password itself is required in every
     * profile: the inbox's own start-up check.)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void mailboxesOverTls() {
        List<Map<String, Object>> mailboxes = (List) Binder.get(environment).bind("dsr.inbox.mailboxes", Bindable.listOf(Map.class))
                .orElse(List.of());
        for (int i = 0; i < mailboxes.size(); i++) {
            Map<String, Object> mailbox = mailboxes.get(i);
            String protocol = String.valueOf(mailbox.getOrDefault("protocol", "imaps")).strip();
            String host = String.valueOf(mailbox.getOrDefault("host", "")).strip().toLowerCase(Locale.ROOT);
            if (!"imaps".equalsIgnoreCase(protocol) && !Set.of("localhost", "127.0.0.1", "::1").contains(host)) {
                throw new InsecureSettingsException("dsr.inbox.mailboxes[" + i + "].protocol is " + protocol + ". The prod profile "
                        + "reads a mailbox over TLS only (imaps, usually port 993): the password and every email travel to it.");
            }
        }
    }

    /** The development key in application.yaml is public: production brings its own (base64 of 32 random bytes). */
    private void filesEncryptionKey() {
        String key = environment.getProperty("dsr.files.encryption-key", "").trim();
        if (key.isEmpty()) {
            throw new InsecureSettingsException("DSR_FILES_ENCRYPTION_KEY is not set. Departments' files are encrypted at rest "
                    + "with it: set the base64 of 32 random bytes (openssl rand -base64 32) and keep it with the database's backups.");
        }
        if (key.equals(DEVELOPMENT_FILES_KEY)) {
            throw new InsecureSettingsException("DSR_FILES_ENCRYPTION_KEY is the development key shipped in application.yaml. "
                    + "Set a key of your own (openssl rand -base64 32).");
        }
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new InsecureSettingsException("DSR_FILES_ENCRYPTION_KEY is not the base64 of 32 bytes. Generate one with "
                    + "openssl rand -base64 32.");
        }
    }

    static final String DEVELOPMENT_FILES_KEY = "ZGV2ZWxvcG1lbnQtb25seS1maWxlcy1rZXktMzJieXQ=";

    private String databaseProduct() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new InsecureSettingsException("Cannot connect to the database at SPRING_DATASOURCE_URL: " + e.getMessage());
        }
    }
}
