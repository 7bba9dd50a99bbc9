package org.dsrflow.support;

import java.net.URI;
import org.dsrflow.config.DsrProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The public address of this application in links (emails, the start-up report, Tasklist forms):
 * {@code DSR_PUBLIC_BASE_URL} when set, otherwise {@code http://localhost:<the port it listens on>},
 * so a default run on another port ({@code SERVER_PORT=18383}) still sends working links.
 */
@Component
public class PublicLinks implements ApplicationListener<WebServerInitializedEvent> {

    private final URI configured;
    private volatile String base;

    PublicLinks(DsrProperties properties, Environment environment) {
        URI url = properties.publicBaseUrl();
        this.configured = url == null || url.toString().isBlank() ? null : url;
        this.base = configured != null ? strip(configured.toString())
                : "http://localhost:" + environment.getProperty("server.port", "8080");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured == null && "application".equals(serverNamespace(event))) {
            base = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /** The public link for a path of this application, e.g. {@code to("/confirm?token=x")}. */
    public String to(String pathAndQuery) {
        return base + pathAndQuery;
    }

    /** The origin of the public address ({@code scheme://host[:port]}), as browsers send it in {@code Origin}. */
    public String origin() {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String serverNamespace(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        return namespace == null ? "application" : namespace;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
