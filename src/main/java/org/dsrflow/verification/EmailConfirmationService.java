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
 * Handles a click on the confirmation link: the link is used up, the request is marked confirmed
 * and its process continues, all in one transaction.
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

    @Transactional
    public Result confirm(String token) {
        Optional<TokenService.TokenState> state = tokens.find(token, TokenPurpose.CONFIRM);
        if (state.isEmpty()) {
            return new Result(Outcome.UNKNOWN, null);
        }
        DsrRequest request = requests.findById(state.get().requestId()).orElseThrow();
        if (state.get().isUsed() || request.confirmedAt() != null) {
            return new Result(Outcome.ALREADY_CONFIRMED, request.reference(), request.language().locale());
        }
        if (state.get().isExpired() || request.status() != RequestStatus.AWAITING_CONFIRMATION
                || !process.isWaitingForEmailConfirmation(request.reference())) {
            return new Result(Outcome.EXPIRED, request.reference(), request.language().locale());
        }
        if (!tokens.use(token, TokenPurpose.CONFIRM)) {
            return new Result(Outcome.ALREADY_CONFIRMED, request.reference(), request.language().locale());
        }
        requests.markConfirmed(request.id(), clock.instant());
        process.emailConfirmed(request.reference());
        return new Result(Outcome.CONFIRMED, request.reference(), request.language().locale());
    }

    public enum Outcome {
        CONFIRMED, ALREADY_CONFIRMED, EXPIRED, UNKNOWN
    }

    public record Result(Outcome outcome, String reference, java.util.Locale language) implements java.io.Serializable {

        Result(Outcome outcome, String reference) {
            this(outcome, reference, null);
        }
    }
}
