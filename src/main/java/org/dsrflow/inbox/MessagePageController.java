package org.dsrflow.inbox;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.security.web.StaffSessions;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * An email to a privacy mailbox as the privacy team reads it ({@code /staff/messages/{id}}, opened from the new-message
 * task): sender, date, subject, the text, the HTML sanitised (jsoup's relaxed safelist without images: a remote image
 * would tell the sender that and when the email was read) under a CSP that loads nothing, and the attachments as
 * downloads. The privacy team and administrators only, authenticated by the Camunda webapp session.
 */
@Controller
class MessagePageController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img").addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private final InboxMessages messages;
    private final RequestRepository requests;
    private final ITemplateEngine templates;

    MessagePageController(InboxMessages messages, RequestRepository requests, ITemplateEngine templates) {
        this.messages = messages;
        this.requests = requests;
        this.templates = templates;
    }

    @GetMapping(path = "/staff/messages/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable long id, HttpServletRequest request) {
        ResponseEntity<String> refused = StaffSessions.refusedPage(request, "emails to the privacy mailbox");
        if (refused != null) {
            return refused;
        }
        Optional<InboxMessages.Stored> found = messages.find(id);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).header("Cache-Control", "no-store").body("No email " + id);
        }
        InboxMessages.Stored message = found.get();
        MessageContent content = messages.rawMime(id).map(MessageContent::of).orElse(new MessageContent("", null, java.util.List.of()));
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("id", id);
        context.setVariable("senderName", message.senderName());
        context.setVariable("senderAddress", message.senderAddress());
        context.setVariable("subject", message.subject());
        context.setVariable("arrived", WHEN.format(message.receivedAt()));
        context.setVariable("problem", message.problem() == null ? null : message.problem().name());
        context.setVariable("text", content.text());
        context.setVariable("html", content.html() == null ? null : Jsoup.clean(content.html(), SAFE));
        context.setVariable("attachments", content.attachments());
        context.setVariable("status", message.status().name());
        context.setVariable("decidedBy", message.decidedBy());
        context.setVariable("reference", message.requestId() == null ? null
                : requests.findById(message.requestId()).map(org.dsrflow.request.DsrRequest::reference).orElse(null));
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(templates.process("staff/message", context));
    }

    @GetMapping("/staff/messages/{id}/attachments/{number}")
    ResponseEntity<?> attachment(@PathVariable long id, @PathVariable int number, HttpServletRequest request) {
        ResponseEntity<String> refused = StaffSessions.refusedPage(request, "emails to the privacy mailbox");
        if (refused != null) {
            return refused;
        }
        Optional<MessageContent.Attachment> attachment = messages.rawMime(id).map(MessageContent::of)
                .filter(content -> number >= 1 && number <= content.attachments().size())
                .map(content -> content.attachments().get(number - 1));
        if (attachment.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).header("Cache-Control", "no-store").body("No attachment " + number);
        }
        // Downloaded, never shown in the browser as whatever type the sender declared.
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(attachment.get().name(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(attachment.get().content());
    }
}
