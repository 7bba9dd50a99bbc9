package org.dsrflow.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.config.Register;
import org.dsrflow.intake.NewRequest;
import org.dsrflow.intake.RequestIntakeService;
import org.dsrflow.process.Deciders;
import org.dsrflow.process.FormValues;
import org.dsrflow.process.InboundMessageProcess;
import org.dsrflow.process.InboundMessageProcess.Decisions;
import org.dsrflow.process.InboundMessageProcess.Fields;
import org.dsrflow.process.TaskCompletionCheck;
import org.dsrflow.request.Channel;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestType;
import org.dsrflow.support.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * The privacy team's decision on a new email, checked before the completion is applied (a 400 naming the field) and
 * carried out on completion: register it as a request (name and address from the stored message, never from the
 * form; {@code receivedOn} the day it reached the mailbox in the site's time zone; the person confirms the address
 * by the usual link, as for a web request), attach it to an existing request, or record that it is not a request.
 * Who decided and when is kept with the message.
 */
@Component("inboundMessageDecision")
class InboundMessageDecision implements TaskListener, TaskCompletionCheck {

    static final Set<String> NOT_A_REQUEST_REASONS = Set.of("question", "spam", "other");

    private final InboxMessages messages;
    private final RequestIntakeService intake;
    private final RequestRepository requests;
    private final Register register;
    private final DsrProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    // Lazy: this check is part of the engine's own configuration (guard/): the intake needs the engine, and the stored
    // messages' key must not be read before the production settings check has run (it names what is missing).
    InboundMessageDecision(@org.springframework.context.annotation.Lazy InboxMessages messages,
                           @org.springframework.context.annotation.Lazy RequestIntakeService intake,
                           RequestRepository requests, Register register,
                           DsrProperties properties, Clock clock) {
        this.messages = messages;
        this.intake = intake;
        this.requests = requests;
        this.register = register;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(InboundMessageProcess.TASK);
    }

    @Override
    public List<String> problems(DelegateTask task, SubmittedValues submitted) {
        return problems(InboundMessageProcess.MESSAGE_ID.from(task), new Decision(submitted.text(Fields.DECISION.name()),
                submitted.text(Fields.TYPE.name()), submitted.text(Fields.SITE.name()), submitted.text(Fields.LANGUAGE.name()),
                categories(submitted.json(Fields.CATEGORIES.name())), submitted.text(Fields.REQUEST_REFERENCE.name()),
                submitted.text(Fields.NOT_A_REQUEST.name())));
    }

    @Override
    public void notify(DelegateTask task) {
        long messageId = InboundMessageProcess.MESSAGE_ID.from(task);
        Decision decision = new Decision(text(task, Fields.DECISION), text(task, Fields.TYPE), text(task, Fields.SITE),
                text(task, Fields.LANGUAGE),
                java.util.Objects.requireNonNullElse(FormValues.list(Fields.CATEGORIES.optionalFrom(task)), List.of()), text(task, Fields.REQUEST_REFERENCE),
                text(task, Fields.NOT_A_REQUEST));
        List<String> problems = problems(messageId, decision);
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(Fields.DECISION.name(), "The decision is incomplete: " + String.join("; ", problems));
        }
        InboxMessages.Stored message = messages.find(messageId).orElseThrow();
        String decider = Deciders.of(task);
        switch (decision.decision()) {
            case Decisions.REGISTER -> {
                DsrRequest request = registerAsRequest(message, decision, decider);
                messages.decide(messageId, InboxMessages.Status.REGISTERED, request.id(), decider, clock.instant());
                InboundMessageProcess.REFERENCE.set(task.getExecution(), request.reference());
            }
            case Decisions.ATTACH -> {
                DsrRequest request = requests.findByReference(decision.reference().strip()).orElseThrow();
                messages.decide(messageId, InboxMessages.Status.ATTACHED, request.id(), decider, clock.instant());
                InboundMessageProcess.REFERENCE.set(task.getExecution(), request.reference());
            }
            default -> messages.decide(messageId, InboxMessages.Status.NOT_A_REQUEST, null, decider, clock.instant());
        }
    }

    private DsrRequest registerAsRequest(InboxMessages.Stored message, Decision decision, String decider) {
        RequestType type = RequestType.valueOf(decision.type());
        String text = type.requiresDetails() ? messages.rawMime(message.id()).map(MessageContent::of).map(MessageContent::text)
                .map(details -> details.length() > 4000 ? details.substring(0, 4000) : details).orElse(null) : null;
        String name = message.senderName() == null || message.senderName().isBlank() ? message.senderAddress()
                : message.senderName().replaceAll("\\p{Cntrl}", " ").strip();
        NewRequest input = new NewRequest(type.name(), name.length() > 200 ? name.substring(0, 200) : name, message.senderAddress(),
                decision.site(), decision.language(), decision.categories(), text, false, null, null, false, null, null);
        LocalDate receivedOn = LocalDate.ofInstant(message.receivedAt(), properties.site(decision.site()).zone());
        try {
            return intake.register(input, Channel.EMAIL, receivedOn, RequestIntakeService.EMAIL_LINK, false, decider).request();
        } catch (InvalidRequestException e) {
            throw new FormFieldValidationException(Fields.DECISION.name(), "The request was not registered: " + e.problems().stream()
                    .map(problem -> problem.field() + ": " + problem.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        }
    }

    private List<String> problems(long messageId, Decision decision) {
        List<String> problems = new ArrayList<>();
        Optional<InboxMessages.Stored> message = messages.find(messageId);
        if (message.isEmpty()) {
            return List.of("the message is no longer stored");
        }
        if (message.get().status() != InboxMessages.Status.NEW) {
            return List.of("this message was decided already");
        }
        String choice = decision.decision();
        if (choice == null || !List.of(Decisions.REGISTER, Decisions.ATTACH, Decisions.NOT_A_REQUEST).contains(choice)) {
            return List.of("What is this email? (" + Fields.DECISION.name() + "): choose register, attach or none");
        }
        switch (choice) {
            case Decisions.REGISTER -> {
                if (message.get().senderAddress() == null) {
                    problems.add("What is this email? (" + Fields.DECISION.name() + "): it has no usable sender address to "
                            + "answer; register it by hand (Start process, \"Register a request\") if the text says how to reach the person");
                }
                if (message.get().problem() == InboxMessages.Problem.TOO_LARGE) {
                    problems.add("What is this email? (" + Fields.DECISION.name() + "): it was too large to download; read it in "
                            + "the mailbox and register it by hand");
                }
                if (decision.type() == null || java.util.Arrays.stream(RequestType.values()).noneMatch(t -> t.name().equals(decision.type()))) {
                    problems.add("Request type (" + Fields.TYPE.name() + "): choose one of " + java.util.Arrays.toString(RequestType.values()));
                }
                if (decision.site() == null || !register.siteCodes().contains(decision.site())) {
                    problems.add("Country site (" + Fields.SITE.name() + "): choose one of " + register.siteCodes());
                }
                if (decision.language() == null || !register.languages().contains(decision.language())) {
                    problems.add("Language of the answer (" + Fields.LANGUAGE.name() + "): choose one of " + register.languages());
                }
                for (String category : decision.categories()) {
                    if (!register.categoryIds().contains(category)) {
                        problems.add("Data categories (" + Fields.CATEGORIES.name() + "): " + category.replaceAll("[^A-Za-z0-9_-]", "")
                                + " is not one of " + register.categoryIds());
                    }
                }
            }
            case Decisions.ATTACH -> {
                String reference = decision.reference();
                if (reference == null || reference.isBlank()) {
                    problems.add("Request reference (" + Fields.REQUEST_REFERENCE.name() + "): give the reference, e.g. DSR-2026-000123");
                } else if (requests.findByReference(reference.strip()).isEmpty()) {
                    problems.add("Request reference (" + Fields.REQUEST_REFERENCE.name() + "): no request "
                            + reference.strip().replaceAll("[^A-Za-z0-9-]", ""));
                }
            }
            default -> {
                if (decision.reason() == null || !NOT_A_REQUEST_REASONS.contains(decision.reason())) {
                    problems.add("Why is it not a request? (" + Fields.NOT_A_REQUEST.name() + "): choose question, spam or other");
                }
            }
        }
        return problems;
    }

    private List<String> categories(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = json.readTree(submitted);
            List<String> values = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(value -> values.add(value.asText()));
            } else {
                values.add(node.asText());
            }
            return values;
        } catch (java.io.IOException e) {
            return List.of(submitted);
        }
    }

    private static String text(DelegateTask task, org.dsrflow.process.ProcessVariable<Object> field) {
        Object value = field.optionalFrom(task);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private record Decision(String decision, String type, String site, String language, List<String> categories, String reference,
                            String reason) {
    }
}
