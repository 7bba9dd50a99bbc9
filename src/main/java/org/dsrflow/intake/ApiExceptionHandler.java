package org.dsrflow.intake;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.dsrflow.support.RateLimits;
import org.dsrflow.support.DatabaseUnavailable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.dsrflow.support.InvalidRequestException;

/**
 * Bad input on the JSON APIs gets {@code 400 application/problem+json} whose {@code errors} name
 * every offending field.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, WebRequest request) {
        return badRequest(e.problems(), e, request);
    }

    @ExceptionHandler(RateLimits.TooManyRequestsException.class)
    ResponseEntity<Object> tooMany(RateLimits.TooManyRequestsException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        body.setTitle("Too many requests");
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.TOO_MANY_REQUESTS, request);
    }

    /** The database cannot be reached: 503 with Retry-After, never a bare 500 (nothing was stored). */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
    ResponseEntity<Object> unavailable(Exception e, WebRequest request) throws Exception {
        if (!DatabaseUnavailable.causedBy(e)) {
            throw e;
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The request store cannot be reached right now; nothing was stored. Please try again in a minute.");
        body.setTitle("Temporarily unavailable");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        return handleExceptionInternal(e, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.groupingBy(FieldError::getField, java.util.LinkedHashMap::new,
                        Collectors.mapping(FieldError::getDefaultMessage, Collectors.toCollection(java.util.TreeSet::new))))
                .entrySet().stream()
                .map(entry -> new InvalidRequestException.FieldProblem(entry.getKey(), String.join("; ", entry.getValue())))
                .toList();
        return badRequest(problems, e, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return badRequest(List.of(new InvalidRequestException.FieldProblem(field, "has the wrong type")), e, request);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> badRequest(List<InvalidRequestException.FieldProblem> problems, Exception e,
                                              WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid fields: " + problems.stream().map(InvalidRequestException.FieldProblem::field)
                        .collect(Collectors.joining(", ")));
        body.setTitle("Invalid request");
        body.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }
}
