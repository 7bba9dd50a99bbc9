package org.dsrflow.intake;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dsrflow.support.InvalidRequestException.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * The field checks of a request the privacy team registers (staff API and Tasklist start form): those of a
 * web request, except that a letter or a call may come without an email address when it gives a postal
 * address — the answer then goes by post. Without either, nobody could be answered.
 */
@Component
class StaffRegistrationInput {

    static final String NO_CONTACT = "is required unless a postal address is given: an email address or a postal address "
            + "is needed to answer the person";

    private final Validator validator;

    StaffRegistrationInput(Validator validator) {
        this.validator = validator;
    }

    List<FieldProblem> problems(NewRequest input) {
        boolean postal = input.postalAddress() != null && !input.postalAddress().isBlank();
        List<FieldProblem> problems = new ArrayList<>();
        validator.validate(input).stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString()
                        .replaceAll("\\.<list element>", "").replaceAll("<list element>", ""), violation.getMessage()))
                .forEach(problem -> {
                    boolean missingEmail = problem.field().equals("email") && (input.email() == null || input.email().isBlank());
                    if (!missingEmail) {
                        problems.add(problem);
                    } else if (!postal && problems.stream().noneMatch(p -> p.field().equals("email"))) {
                        problems.add(new FieldProblem("email", NO_CONTACT));
                    }
                });
        return problems;
    }
}
