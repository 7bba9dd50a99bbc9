package org.dsrflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.deadlines.DeadlineService;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.dsrflow.process.RequestProcessAdapter;
import org.dsrflow.review.Clarifications;
import org.dsrflow.security.web.StaffAccess;
import org.dsrflow.security.StaffGroups;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.Channel;
import org.dsrflow.request.RequestRepository;

/**
 * The staff API (HTTP basic, Camunda users): the privacy team registers requests that arrived by
 * email, post or phone with their real date of receipt; privacy team and managers read a request's
 * status and dates.
 */
@RestController
@RequestMapping(path = "/api/staff/requests", produces = MediaType.APPLICATION_JSON_VALUE)
class StaffRequestController {

    private final RequestIntakeService intake;
    private final RequestRepository requests;
    private final DeadlineService deadlines;
    private final StaffAccess access;
    private final RequestProcessAdapter process;
    private final ObjectMapper json;
    private final Clarifications clarifications;
    private final StaffRegistrationInput checks;

    StaffRequestController(RequestIntakeService intake, RequestRepository requests, DeadlineService deadlines,
                           StaffAccess access, RequestProcessAdapter process, ObjectMapper json,
                           Clarifications clarifications, StaffRegistrationInput checks) {
        this.checks = checks;
        this.intake = intake;
        this.requests = requests;
        this.deadlines = deadlines;
        this.access = access;
        this.process = process;
        this.json = json;
        this.clarifications = clarifications;
    }

    /**
     * The public API's fields plus {@code receivedOn} (YYYY-MM-DD), {@code channel} (EMAIL, POST, PHONE),
     * {@code postalAddress} (a letter or a call may come without an email address when it gives one) and
     * {@code identityCheck} (how the registrar checked who the person is, or EMAIL_LINK to send the
     * confirmation link first) and {@code decideFirst} (true: the privacy team decides before any
     * department acts, see {@code review/Triage}).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RequestView> register(@RequestBody JsonNode body) {
        String registrar = access.requireAnyGroup(StaffGroups.PRIVACY);
        List<FieldProblem> problems = new ArrayList<>();
        NewRequest input = parse(body, problems);
        LocalDate receivedOn = date(body.get("receivedOn"), problems);
        Channel channel = channel(body.get("channel"), problems);
        JsonNode decideFirst = body.get("decideFirst");
        if (decideFirst != null && !decideFirst.isNull() && !decideFirst.isBoolean()) {
            problems.add(new FieldProblem("decideFirst", "must be true (the privacy team decides before any department acts) or false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        JsonNode identityCheck = body.get("identityCheck");
        RequestIntakeService.Submitted submitted = intake.register(input, channel, receivedOn,
                identityCheck == null || !identityCheck.isTextual() ? null : identityCheck.asText(),
                decideFirst != null && decideFirst.asBoolean(false), registrar);
        DsrRequest request = submitted.request();
        return ResponseEntity.created(URI.create("/api/staff/requests/" + request.reference()))
                .body(submitted.view());
    }

    @GetMapping("/{reference}")
    RequestView show(@PathVariable String reference) {
        access.requireAnyGroup(StaffGroups.PRIVACY, StaffGroups.MANAGERS);
        DsrRequest request = requests.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference));
        return RequestView.of(request, deadlines.current(request.id()), null);
    }

    /**
     * The requester answered a request for identity evidence or clarification (e.g. by email): the
     * clock resumes and the privacy team's task comes back. 409 when nothing waits for an answer.
     */
    @PostMapping(path = "/{reference}/requester-reply", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> requesterReplied(@PathVariable String reference) {
        access.requireAnyGroup(StaffGroups.PRIVACY);
        // An answer to our question that came by another channel: the question counts as answered.
        requests.findByReference(reference).ifPresent(request -> {
            if (process.isWaitingForRequesterReply(reference)) {
                clarifications.answeredElsewhere(request.id());
            }
        });
        if (!process.requesterReplied(reference)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Request " + reference + " is not waiting for the requester");
        }
        return ResponseEntity.noContent().build();
    }

    private NewRequest parse(JsonNode body, List<FieldProblem> problems) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        try {
            NewRequest input = json.treeToValue(body, NewRequest.class);
            problems.addAll(checks.problems(input));
            if (problems.isEmpty()) {
                try {
                    intake.checkAgainstConfiguration(input);
                } catch (InvalidRequestException e) {
                    problems.addAll(e.problems());
                }
            }
            return input;
        } catch (JsonProcessingException e) {
            problems.add(new FieldProblem("body", "has a field of the wrong type"));
            return null;
        }
    }

    private static LocalDate date(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull() || value.asText().isBlank()) {
            problems.add(new FieldProblem("receivedOn", "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("receivedOn", "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static Channel channel(JsonNode value, List<FieldProblem> problems) {
        String text = value == null || value.isNull() ? "" : value.asText();
        if (!List.of("EMAIL", "POST", "PHONE").contains(text)) {
            problems.add(new FieldProblem("channel", "must be one of EMAIL, POST, PHONE"));
            return null;
        }
        return Channel.valueOf(text);
    }
}
