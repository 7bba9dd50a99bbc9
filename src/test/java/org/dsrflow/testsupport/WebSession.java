package org.dsrflow.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A web session as a browser holds it, without the browser: one cookie jar for the application and the
 * OpenID provider (each host keeps its own cookies), signed in through the provider's sign-in form like
 * a person, then requests to the webapps' API and pages with that session. Redirects are followed only
 * where asked, so a test sees where the application sends the browser.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String app;

    private WebSession(String app) {
        this.app = app;
    }

    /** Opens Tasklist at {@code app} (e.g. http://127.0.0.1:8080), signs in at the provider as {@code user} and comes back. */
    public static WebSession signIn(String app, String user) {
        WebSession session = new WebSession(app);
        Page page = session.follow(app + "/camunda/app/tasklist/default/");
        Matcher csrf = CSRF.matcher(page.response().body());
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form at the provider, but " + page.url());
        }
        URI login = URI.create(page.url()).resolve("/login");
        Http.Response signedIn = session.send(HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", TestIdentityProvider.PASSWORD,
                        "_csrf", csrf.group(1))))));
        page = session.follow(URI.create(login.toString()).resolve(signedIn.header("Location")).toString());
        if (!page.url().startsWith(app + "/camunda/app/") || page.response().status() != 200) {
            throw new IllegalStateException("not back in Tasklist after signing in: " + page.response().status() + " at " + page.url());
        }
        return session;
    }

    /** A GET of a path of the application, redirects not followed. */
    public Http.Response get(String path, String... headers) {
        return send(request(app + path, headers).GET());
    }

    /** A JSON POST to the webapps' API, with Camunda's CSRF header as the webapps send it. */
    public Http.Response postJson(String path, String json, String... headers) {
        return send(request(app + path, headers).header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A form POST to a path of the application, redirects not followed. */
    public Http.Response postForm(String path, Map<String, String> fields, String... headers) {
        return send(request(app + path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** GETs {@code url} (any host) and follows its redirects, as a browser does. */
    public Page follow(String url) {
        String current = url;
        for (int i = 0; i < 20; i++) {
            Http.Response response = send(request(current).GET());
            String location = response.header("Location");
            if (response.status() / 100 != 3 || location == null) {
                return new Page(current, response);
            }
            current = URI.create(current).resolve(location).toString();
        }
        throw new IllegalStateException("too many redirects from " + url);
    }

    /** A cookie's value, whichever host set it; null if none. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Where a followed request ended, and its answer. */
    public record Page(String url, Http.Response response) {
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private Http.Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
