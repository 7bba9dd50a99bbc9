package org.dsrflow.inbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dsrflow.config.Register;
import org.dsrflow.process.InboundMessageProcess;
import org.dsrflow.process.InboundMessageProcess.Fields;
import org.dsrflow.process.InboundMessageTasks;
import org.dsrflow.request.Language;
import org.dsrflow.request.RequestType;
import org.dsrflow.request.StaffLabels;
import org.springframework.stereotype.Component;

/**
 * The last handler: every message nobody else took becomes the privacy team's task "New email to the privacy mailbox",
 * with the suggestions (codes only) pre-filled in its form. A message with a problem becomes the same task saying
 * what is wrong.
 */
@Component
class NewMessageHandler implements InboundHandler {

    private static final DateTimeFormatter ARRIVED = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final InboundMessageTasks tasks;
    private final InboxMessages messages;
    private final Register register;
    private final StaffLabels labels;

    NewMessageHandler(InboundMessageTasks tasks, InboxMessages messages, Register register, StaffLabels labels) {
        this.tasks = tasks;
        this.messages = messages;
        this.register = register;
        this.labels = labels;
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean handle(InboundMessage message) {
        return handle(message, null, "");
    }

    /**
     * The task for a message about a known request that dsr-flow did not take as the requester's (another sender): the
     * attachment to that request pre-filled, and {@code note} (no content of the message) on the form.
     */
    boolean aboutRequest(InboundMessage message, String reference, String note) {
        return handle(message, reference, note);
    }

    private boolean handle(InboundMessage message, String knownReference, String note) {
        InboxMessages.Stored stored = messages.find(message.storedId()).orElseThrow();
        MessageContent content = MessageContent.of(message.mime());
        Map<String, Object> variables = lists();
        variables.put(InboundMessageProcess.ARRIVED.name(), ARRIVED.format(message.arrivedAt()));
        variables.put(InboundMessageProcess.PROBLEM.name(), note);
        java.util.Optional<String> reference = knownReference != null ? java.util.Optional.of(knownReference)
                : Suggestions.reference(stored.subject(), content.text());
        variables.put(Fields.DECISION.name(), reference.isPresent()
                ? InboundMessageProcess.Decisions.ATTACH : InboundMessageProcess.Decisions.REGISTER);
        Suggestions.type(message.purpose(), stored.subject(), content.text())
                .ifPresent(type -> variables.put(Fields.TYPE.name(), type.name()));
        variables.put(Fields.LANGUAGE.name(), Suggestions.language(register.languages(), stored.subject(), content.text()));
        Suggestions.site(register.siteCodes(), stored.senderAddress()).ifPresent(site -> variables.put(Fields.SITE.name(), site));
        reference.ifPresent(found -> variables.put(Fields.REQUEST_REFERENCE.name(), found));
        tasks.start(message.storedId(), variables);
        return true;
    }

    /** The task for a message that could not be read as one: what is wrong, and "not a request" as the likely decision. */
    void problem(long storedId, InboxSettings.Mailbox mailbox, java.time.Instant arrived, InboxMessages.Problem problem) {
        Map<String, Object> variables = lists();
        variables.put(InboundMessageProcess.ARRIVED.name(), ARRIVED.format(arrived));
        variables.put(InboundMessageProcess.PROBLEM.name(), switch (problem) {
            case TOO_LARGE -> "This email is larger than the mailbox's limit (" + mailbox.maxMessageSize().toMegabytes()
                    + " MB): it was not downloaded. Read it in the mailbox itself (folder " + mailbox.processedFolder() + ").";
            case MALFORMED -> "This email's structure (MIME) is damaged and cannot be read here. Read it in the mailbox itself "
                    + "(folder " + mailbox.processedFolder() + ").";
            case FAILED -> "dsr-flow could not handle this email (" + InboxReader.ATTEMPTS + " attempts; the log names it by its "
                    + "record's id). Read it in the mailbox itself (folder " + mailbox.processedFolder() + ") and register it by hand "
                    + "if it is a request.";
            case NO_SENDER -> "This email has no usable sender address (From), so it cannot be answered or registered as it is. "
                    + "Register it by hand if the text gives a way to reach the person.";
        });
        variables.put(Fields.DECISION.name(), InboundMessageProcess.Decisions.NOT_A_REQUEST);
        tasks.start(storedId, variables);
    }

    private Map<String, Object> lists() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(InboundMessageProcess.TYPE_OPTIONS.name(), List.of(RequestType.values()).stream()
                .map(type -> option(labels.type(type.name()), type.name())).toList());
        variables.put(InboundMessageProcess.SITE_OPTIONS.name(), register.siteCodes().stream()
                .map(site -> option(labels.site(site), site)).toList());
        variables.put(InboundMessageProcess.LANGUAGE_OPTIONS.name(), register.languages().stream()
                .map(language -> option(labels.language(Language.valueOf(language)), language)).toList());
        variables.put(InboundMessageProcess.CATEGORY_OPTIONS.name(), register.forStaff().categories().stream()
                .map(category -> option(category.name(), category.id())).toList());
        return variables;
    }

    private static Map<String, String> option(String label, String value) {
        return Map.of("label", label, "value", value);
    }
}
