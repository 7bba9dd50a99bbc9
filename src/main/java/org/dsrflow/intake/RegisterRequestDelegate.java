package org.dsrflow.intake;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.dsrflow.config.Register;
import org.dsrflow.process.FormValues;
import org.dsrflow.process.ProcessVariable;
import org.dsrflow.process.RegisterRequestProcess;
import org.dsrflow.process.RegisterRequestProcess.Fields;
import org.dsrflow.request.Channel;
import org.dsrflow.support.InvalidRequestException;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * The service task of the registration start form: checks the form's values like the staff API does,
 * stores the request and starts its process, then removes the values from this instance and leaves the
 * registrar a receipt (the reference and the due date; Tasklist shows it right after the start). Bad input
 * fails the start with a form validation message (400) in Tasklist, in the form's own words, and nothing
 * is stored.
 */
@Component("registerRequest")
class RegisterRequestDelegate implements JavaDelegate {

    /** Year-month-day only: "03/05/2026" is the 5th of March to some and the 3rd of May to others. */
    private static final DateTimeFormatter YEAR_MONTH_DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WRITTEN_OUT = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    /** The form's labels, so that a refusal names the fields as the registrar sees them. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry(Fields.TYPE.name(), "What does the person ask for?"),
            Map.entry(Fields.NAME.name(), "Name"), Map.entry(Fields.EMAIL.name(), "Email address"),
            Map.entry(Fields.POSTAL_ADDRESS.name(), "Postal address"), Map.entry(Fields.SITE.name(), "Country site"),
            Map.entry(Fields.LANGUAGE.name(), "Language of the answer"), Map.entry(Fields.CATEGORIES.name(), "Data categories"),
            Map.entry(Fields.DETAILS.name(), "Details"), Map.entry(Fields.RECEIVED_ON.name(), "Received on"),
            Map.entry(Fields.CHANNEL.name(), "Received by"), Map.entry(Fields.GROUND.name(), "Ground for the restriction"),
            Map.entry(Fields.AGENT_NAME.name(), "Name of the person acting for them"),
            Map.entry(Fields.AGENT_EMAIL.name(), "Email address of the person acting for them"),
            Map.entry(Fields.AUTHORISATION_CONFIRMED.name(), "Their authorisation"),
            Map.entry(Fields.IDENTITY_CHECK.name(), "How did you check who the person is?"));

    private final RequestIntakeService intake;
    private final StaffRegistrationInput checks;
    private final Register register;
    private final org.dsrflow.request.StaffLabels labels;
    private final org.dsrflow.deadlines.DeadlineService deadlines;
    private final java.time.Clock clock;

    RegisterRequestDelegate(RequestIntakeService intake, StaffRegistrationInput checks, Register register,
                            org.dsrflow.deadlines.DeadlineService deadlines, java.time.Clock clock,
                            org.dsrflow.request.StaffLabels labels) {
        this.labels = labels;
        this.deadlines = deadlines;
        this.clock = clock;
        this.intake = intake;
        this.checks = checks;
        this.register = register;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NewRequest input = new NewRequest(text(execution, Fields.TYPE), text(execution, Fields.NAME), text(execution, Fields.EMAIL),
                text(execution, Fields.SITE), text(execution, Fields.LANGUAGE), FormValues.list(Fields.CATEGORIES.optionalFrom(execution)),
                text(execution, Fields.DETAILS), flag(execution, Fields.ON_BEHALF), text(execution, Fields.AGENT_NAME),
                text(execution, Fields.AGENT_EMAIL), flag(execution, Fields.AUTHORISATION_CONFIRMED), text(execution, Fields.GROUND),
                text(execution, Fields.POSTAL_ADDRESS));
        List<FieldProblem> problems = new ArrayList<>(checks.problems(input));
        LocalDate receivedOn = null;
        String date = text(execution, Fields.RECEIVED_ON);
        try {
            receivedOn = date == null ? null : LocalDate.parse(date.strip(), YEAR_MONTH_DAY);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(Fields.RECEIVED_ON.name(), "write the date as year-month-day, e.g. "
                    + intakeToday(input.site() == null || input.site().isBlank() ? null : input.site())));
        }
        String channel = text(execution, Fields.CHANNEL);
        Channel received = channel == null || !List.of("EMAIL", "POST", "PHONE").contains(channel) ? null : Channel.valueOf(channel);
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        IntakeResult result;
        try {
            RequestIntakeService.Submitted submitted = intake.register(input, received, receivedOn,
                    text(execution, Fields.IDENTITY_CHECK), Boolean.TRUE.equals(flag(execution, Fields.DECIDE_FIRST)), registrar(execution));
            result = new IntakeResult(submitted.request().reference(), submitted.deadlines().deadlines().dueDate());
        } catch (InvalidRequestException e) {
            throw refusal(e.problems());
        }
        execution.setProcessBusinessKey(result.reference());
        execution.removeVariables(List.of(RegisterRequestProcess.FORM_FIELDS));
        RegisterRequestProcess.REFERENCE.set(execution, result.reference());
        RegisterRequestProcess.RECEIPT.set(execution, "Registered " + result.reference() + " · "
                + labels.type(input.type()) + " · " + register.forStaff().site(input.site()).name()
                + " · due " + WRITTEN_OUT.format(result.dueDate()));
    }

    /** Who submitted the start form (the engine's authenticated user; the initiator otherwise). */
    private static String registrar(DelegateExecution execution) {
        org.camunda.bpm.engine.impl.identity.Authentication authentication =
                execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null && authentication.getUserId() != null
                ? authentication.getUserId() : RegisterRequestProcess.INITIATOR.optionalFrom(execution);
    }

    /** Today where the request was received, or in UTC when the site is not (yet) known. */
    private LocalDate intakeToday(String site) {
        return site != null && register.siteCodes().contains(site) ? deadlines.today(site) : LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    private static FormFieldValidationException refusal(List<FieldProblem> problems) {
        return new FormFieldValidationException(RegisterRequestProcess.KEY, "The request was not registered. " + problems.stream()
                .map(problem -> LABELS.getOrDefault(problem.field().replaceAll("\\[\\d+]$", ""), problem.field()) + ": "
                        + problem.message())
                .collect(Collectors.joining("; ")) + ".");
    }

    private static String text(DelegateExecution execution, ProcessVariable<Object> field) {
        Object value = field.optionalFrom(execution);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static Boolean flag(DelegateExecution execution, ProcessVariable<Object> field) {
        Object value = field.optionalFrom(execution);
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(String.valueOf(value));
    }

    private record IntakeResult(String reference, LocalDate dueDate) {
    }
}
