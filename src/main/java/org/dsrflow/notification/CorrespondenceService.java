package org.dsrflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.departments.DepartmentResult;
import org.dsrflow.departments.DepartmentResultRepository;
import org.dsrflow.intake.DsrRequest;
import org.dsrflow.intake.RequestRepository;
import org.dsrflow.verification.TokenPurpose;
import org.dsrflow.verification.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends one email of a request and records it. The model of each kind is built here from the
 * application's tables; the process only says which request and which kind.
 */
@Service
public class CorrespondenceService {

    private static final Logger log = LoggerFactory.getLogger(CorrespondenceService.class);

    private final RequestRepository requests;
    private final DepartmentResultRepository departmentResults;
    private final TokenService tokens;
    private final MailComposer composer;
    private final JavaMailSender mailSender;
    private final CorrespondenceRepository correspondence;
    private final DsrProperties properties;
    private final Clock clock;

    CorrespondenceService(RequestRepository requests, DepartmentResultRepository departmentResults, TokenService tokens,
                          MailComposer composer, JavaMailSender mailSender, CorrespondenceRepository correspondence,
                          DsrProperties properties, Clock clock) {
        this.requests = requests;
        this.departmentResults = departmentResults;
        this.tokens = tokens;
        this.composer = composer;
        this.mailSender = mailSender;
        this.correspondence = correspondence;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends the email; {@code reasons} is used by refusals only. */
    public void send(long requestId, EmailKind kind, String reasons) {
        DsrRequest request = requests.findById(requestId)
                .orElseThrow(() -> new IllegalStateException("no request with id " + requestId));
        RenderedEmail email = composer.render(kind, request.language().locale(), model(request, kind, reasons));
        String messageId = deliver(request.requesterEmail(), email);
        correspondence.recordSent(requestId, kind, request.requesterEmail(), request.language().name(), messageId,
                clock.instant());
        log.info("Sent {} email for request {}", kind, request.reference());
    }

    private Map<String, Object> model(DsrRequest request, EmailKind kind, String reasons) {
        DsrProperties.Site site = properties.site(request.site());
        Map<String, Object> model = new HashMap<>();
        model.put("reference", request.reference());
        model.put("name", request.requesterName());
        model.put("type", request.type().name());
        model.put("organisation", properties.organisation().name());
        model.put("site", site);
        model.put("receivedOn", request.receivedOn());
        switch (kind) {
            case ACKNOWLEDGEMENT -> {
                var validity = properties.confirmation().linkValidity();
                String token = tokens.issue(request.id(), TokenPurpose.CONFIRM, validity);
                model.put("confirmUrl", properties.link("/confirm?token=" + token));
                model.put("confirmBy", LocalDate.ofInstant(clock.instant().plus(validity), site.zone()));
            }
            case RESPONSE -> model.put("results", results(request));
            case REFUSAL -> model.put("reasons", reasons);
        }
        return model;
    }

    private List<Map<String, Object>> results(DsrRequest request) {
        return departmentResults.findByRequest(request.id()).stream()
                .map(result -> Map.<String, Object>of(
                        "department", departmentName(result),
                        "outcome", result.outcome().name(),
                        "report", result.report() == null ? "" : result.report()))
                .toList();
    }

    private String departmentName(DepartmentResult result) {
        DsrProperties.Department department = properties.organisation().departments().get(result.department());
        return department == null ? result.department() : department.name();
    }

    private String deliver(String to, RenderedEmail email) {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(properties.mail().from(), true));
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            mailSender.send(message);
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the email", e);
        }
    }
}
