package org.dsrflow.intake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dsrflow.process.RegisterRequestProcess;
import org.springframework.stereotype.Component;
import org.dsrflow.request.Channel;
import org.dsrflow.support.InvalidRequestException;

/**
 * The service task of the registration start form: validates the form's values like the staff API
 * does, stores the request and starts its process, then removes the values from this instance.
 * Bad input fails the start with a form validation message (400) in Tasklist, and nothing is stored.
 */
@Component("registerRequest")
class RegisterRequestDelegate implements JavaDelegate {

    private final RequestIntakeService intake;
    private final jakarta.validation.Validator validator;

    RegisterRequestDelegate(RequestIntakeService intake, jakarta.validation.Validator validator) {
        this.intake = intake;
        this.validator = validator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NewRequest input = new NewRequest(text(execution, "type"), text(execution, "name"), text(execution, "email"),
                text(execution, "site"), text(execution, "language"), org.dsrflow.process.FormValues.list(execution.getVariable("categories")),
                text(execution, "details"), false, null, null, null, text(execution, "ground"));
        List<String> problems = new ArrayList<>();
        validator.validate(input).forEach(v -> problems.add(v.getPropertyPath() + " " + v.getMessage()));
        LocalDate receivedOn = null;
        try {
            receivedOn = LocalDate.parse(String.valueOf(execution.getVariable("receivedOn")));
        } catch (DateTimeParseException e) {
            problems.add("receivedOn must be a date YYYY-MM-DD");
        }
        String channel = text(execution, "channel");
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException("register-request", "The request was not registered: " + String.join("; ", problems));
        }
        try {
            String reference = intake.register(input, channel == null ? null : Channel.valueOf(channel), receivedOn)
                    .request().reference();
            execution.setProcessBusinessKey(reference);
        } catch (InvalidRequestException e) {
            throw new FormFieldValidationException("register-request", "The request was not registered: " + e.problems().stream()
                    .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        } catch (IllegalArgumentException e) {
            throw new FormFieldValidationException("register-request", "The request was not registered: channel must be EMAIL, POST or PHONE");
        }
        execution.removeVariables(List.of(RegisterRequestProcess.FORM_FIELDS));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
