package org.dsrflow.testsupport;

import java.util.Map;

/** The links of our emails followed as a person does: open the page, then press its button. */
public final class Links {

    private Links() {
    }

    /**
     * Opens the confirmation link and presses "Confirm my request" with the page's CSRF token; returns
     * the page shown then (the outcome). A page without the button (used, expired, unknown) is returned as it is.
     */
    public static Http.Response confirm(Http http, String confirmationPath) {
        Http.Response page = http.get(confirmationPath);
        if (!page.body().contains("id=\"confirm-button\"")) {
            return page;
        }
        Http.Response pressed = http.postForm("/confirm", Map.of("token", token(confirmationPath), "_csrf", Http.csrf(page.body())));
        if (pressed.status() != 303) {
            return pressed;
        }
        return http.get(pressed.header("Location").replaceFirst("^https?://[^/]+", ""));
    }

    /**
     * Opens a download link's landing page and presses the button for {@code format} (html, json, csv);
     * returns the file. A page without the buttons (expired, unknown) is returned as it is.
     */
    public static Http.Response download(Http http, String landingPath, String format) {
        Http.Response page = http.get(landingPath);
        if (!page.body().contains("action=\"/download/file\"")) {
            return page;
        }
        return http.postForm("/download/file", Map.of("token", token(landingPath), "format", format, "_csrf", Http.csrf(page.body())));
    }

    /** As {@link #download}, the answer kept as bytes (the zip, the PDF); a page without the buttons is returned as bytes too. */
    public static Http.Binary downloadBytes(Http http, String landingPath, String format) {
        Http.Response page = http.get(landingPath);
        if (!page.body().contains("action=\"/download/file\"")) {
            return new Http.Binary(page.status(), page.headers(), page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return http.postFormForBytes("/download/file", Map.of("token", token(landingPath), "format", format, "_csrf",
                Http.csrf(page.body())));
    }

    /** The token of a link's path and query. */
    public static String token(String path) {
        String token = path.substring(path.indexOf("token=") + "token=".length());
        return token.contains("&") ? token.substring(0, token.indexOf('&')) : token;
    }
}
