package org.dsrflow.departments;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The 404 page of a department's pages (its files, what its systems found) for someone with no task of the request: the
 * same whether the request exists, is another department's, or not.
 */
public final class NoTaskPage {

    /** What the page is about: its files, or what its systems found. */
    public enum About { FILES, SYSTEMS }

    private NoTaskPage() {
    }

    public static ResponseEntity<String> of(ITemplateEngine templates, String webapp, String reference, About about) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reference", reference.replaceAll("[^A-Za-z0-9-]", ""));
        context.setVariable("what", about == About.SYSTEMS ? "systems" : "files");
        context.setVariable("backUrl", webapp + "/app/tasklist/default/");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff").contentType(MediaType.TEXT_HTML)
                .body(templates.process("staff/department-files-none", context));
    }
}
