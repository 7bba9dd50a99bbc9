package org.dsrflow.requester;

import org.dsrflow.support.RateLimits;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Too many attempts on a page (not the JSON API): 429 with a page in the requester's language. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class RateLimitedHandler {

    @ExceptionHandler(RateLimits.TooManyRequestsException.class)
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    String limited() {
        return "public/rate-limited";
    }
}
