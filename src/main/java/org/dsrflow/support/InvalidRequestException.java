package org.dsrflow.support;

import java.util.List;

/** Bad input, with one entry per offending field. Answered with 400 and nothing stored. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super("invalid fields: " + problems.stream().map(FieldProblem::field).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public record FieldProblem(String field, String message) {
    }
}
