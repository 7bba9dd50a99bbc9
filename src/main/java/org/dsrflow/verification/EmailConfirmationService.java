package org.dsrflow.verification;

import java.time.Clock;
import java.util.Optional;
import org.dsrflow.request.DsrRequest;
import org.dsrflow.request.RequestRepository;
import org.dsrflow.request.RequestStatus;
import org.dsrflow.process.RequestProcessAdapter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The confirmation link of the acknowledgement email. Opening it ({@link #check}) changes nothing:
 * mail gateways open every link of a message before the person does. Only the person's button on
 * the page ({@link #confirm}) uses the link up, marks the request confirmed and lets its process
 * continue, all in one transaction.
 */
@Service
public class EmailConfirmationService {

    private final TokenService tokens;
    private final RequestRepository requests;
    private final RequestProcessAdapter process;
    private final Clock clock;

    EmailConfirmationService(TokenService tokens, RequestRepository requests, RequestProcessAdapter process, Clock clock) {
        this.tokens = tokens;
        this.requests = requests;
        this.process = process;
        this.clock = clock;
    }

    /** What the link is about and what pressing the button would do (PENDING: confirm); nothing is used up or changed. */
    @Transactional(readOnly = true)
    public Result check(String token) {
        return handle(token, false);
    }

    /** The person pressed the button: the link is used up and the request confirmed, if it still can be. */
    @Transactional
    public Result confirm(String token) {
        return handle(token, true);
    }

    private Result handle(String token, boolean confirm) {
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.CONFIRM);
        if (state.isEmpty()) {
            return new Result(Outcome.UNKNOWN, null, null, null);
        }
        DsrRequest request = requests.findById(state.get().requestId()).orElseThrow();
        if (state.get().isUsed() || request.confirmedAt() != null) {
            return result(Outcome.ALREADY_CONFIRMED, request);
        }
        if (state.get().isExpired() || request.status() != RequestStatus.AWAITING_CONFIRMATION
                || !process.isWaitingForEmailConfirmation(request.reference())) {
            return result(Outcome.EXPIRED, request);
        }
        if (!confirm) {
            return result(Outcome.PENDING, request);
        }
        if (!tokens.use(token, TokenPurpose.CONFIRM)) {
            return result(Outcome.ALREADY_CONFIRMED, request);
        }
        requests.markConfirmed(request.id(), clock.instant());
        process.emailConfirmed(request.reference());
        return result(Outcome.CONFIRMED, request);
    }

    private static Result result(Outcome outcome, DsrRequest request) {
        return new Result(outcome, request.reference(), request.type().name(), request.language().locale());
    }

    public enum Outcome {
        /** Valid and waiting for the person's button. */
        PENDING, CONFIRMED, ALREADY_CONFIRMED, EXPIRED, UNKNOWN
    }

    /** {@code type}: the request type's name (what the person asked for), null for UNKNOWN. */
    public record Result(Outcome outcome, String reference, String type, java.util.Locale language) implements java.io.Serializable {
    }
}
